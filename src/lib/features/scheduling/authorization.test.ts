// Authorization sweep: every rounds.* and scheduling.* procedure, called as every role, about
// a round, invitation and session inside and outside the caller's subtree. Allowed calls
// succeed; the rest are refused exactly like calls naming things that do not exist.
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callers, sweepTests, type SweepCase } from '$tests/helpers/callers';
import { proposeSubstitute } from './replan-propose';

type Side = 'A' | 'B';
const CALLERS = ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody', null] as const;
type Caller = (typeof CALLERS)[number];
const SECRET = '秘密排期需求';

interface Target {
	district: string;
	round: string;
	freshRound: (status: 'planning' | 'scheduling') => Promise<string>;
	freshDemand: (inRound: boolean) => Promise<string>;
	/** An invited seat with one planned session: [assignmentId, sessionId]. */
	freshInvitation: () => Promise<[string, string]>;
	freshAccepted: () => Promise<string>;
	/** A declined seat whose session waits for a substitute: the assignment id. */
	freshDeclined: () => Promise<string>;
	/** Who may take such a seat. */
	substitute: string;
	/** A proposed re-plan of the round. */
	freshReplan: () => Promise<string>;
}
type Case = SweepCase<Side, Target, Caller>;

const editors = (side: Side): Caller[] => ['admin', 'cityCoord', side === 'A' ? 'coordA' : 'coordB'];
const viewers = (side: Side): Caller[] => [...editors(side), 'leader'];
const signedIn = (): Caller[] => CALLERS.filter((c) => c !== null);
const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe.each(providers)('scheduling authorization sweep on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	let volunteerB: string;
	const substitutes: Record<Side, string> = { A: '', B: '' };
	const { as } = callers(() => t);
	let counter = 0;
	const next = () => ++counter;

	const CASES: Record<string, Case> = {
		'rounds.list': { allowed: signedIn, call: (api) => api.rounds.list() },
		'rounds.creatableIn': { allowed: signedIn, call: (api) => api.rounds.creatableIn() },
		'rounds.get': { allowed: viewers, call: (api, x) => api.rounds.get({ roundId: x.round }) },
		'rounds.create': {
			allowed: editors,
			call: (api, x) => api.rounds.create({ orgId: x.district, fields: { name: '测试轮次', fromDate: '2030-01-01', toDate: '2030-06-30' } })
		},
		'rounds.addDemand': {
			allowed: editors,
			call: async (api, x) => api.rounds.addDemand({ roundId: x.round, demandId: await x.freshDemand(false) })
		},
		'rounds.removeDemand': {
			allowed: editors,
			call: async (api, x) => api.rounds.removeDemand({ roundId: x.round, demandId: await x.freshDemand(true) })
		},
		'rounds.setStatus': {
			allowed: editors,
			call: async (api, x) => api.rounds.setStatus({ roundId: await x.freshRound('planning'), status: 'scheduling' })
		},
		'scheduling.run': { allowed: editors, call: async (api, x) => api.scheduling.run({ roundId: await x.freshRound('scheduling') }) },
		'scheduling.send': { allowed: editors, call: async (api, x) => api.scheduling.send({ roundId: await x.freshRound('scheduling') }) },
		'scheduling.timetable': { allowed: viewers, call: (api, x) => api.scheduling.timetable({ roundId: x.round }) },
		'scheduling.invitations': { allowed: signedIn, call: (api) => api.scheduling.invitations() },
		'scheduling.invitation': {
			allowed: (side) => (side === 'A' ? ['volA'] : []),
			call: async (api, x) => api.scheduling.invitation({ assignmentId: (await x.freshInvitation())[0] })
		},
		'scheduling.accept': {
			allowed: (side) => (side === 'A' ? ['volA'] : []),
			call: async (api, x) => {
				const [assignmentId, sessionId] = await x.freshInvitation();
				return api.scheduling.accept({ assignmentId, seen: { [sessionId]: 0 } });
			}
		},
		'scheduling.decline': {
			allowed: (side) => (side === 'A' ? ['volA'] : []),
			call: async (api, x) => {
				const [assignmentId, sessionId] = await x.freshInvitation();
				return api.scheduling.decline({ assignmentId, seen: { [sessionId]: 0 }, reason: 'busy', note: '' });
			}
		},
		'scheduling.replans': { allowed: editors, call: (api, x) => api.scheduling.replans({ roundId: x.round }) },
		'scheduling.substitutes': {
			allowed: editors,
			call: async (api, x) => api.scheduling.substitutes({ roundId: x.round, assignmentId: await x.freshDeclined() })
		},
		'scheduling.proposeSubstitute': {
			allowed: editors,
			call: async (api, x) =>
				api.scheduling.proposeSubstitute({ roundId: x.round, assignmentId: await x.freshDeclined(), volunteerId: x.substitute })
		},
		'scheduling.applyReplan': {
			allowed: editors,
			call: async (api, x) => api.scheduling.applyReplan({ roundId: x.round, replanId: await x.freshReplan() })
		},
		'scheduling.discardReplan': {
			allowed: editors,
			call: async (api, x) => api.scheduling.discardReplan({ roundId: x.round, replanId: await x.freshReplan() })
		},
		'scheduling.cancelSession': {
			allowed: editors,
			call: async (api, x) => api.scheduling.cancelSession({ sessionId: (await x.freshInvitation())[1], seen: 0, reason: '天气原因' })
		},
		'scheduling.requestDate': {
			allowed: (side) => [side === 'A' ? 'schoolA1' : 'schoolB1'],
			call: async (api, x) => api.scheduling.requestDate({ sessionId: await x.freshAccepted(), seen: 0, note: '' })
		},
		'scheduling.schoolSessions': { allowed: signedIn, call: (api) => api.scheduling.schoolSessions() },
		'scheduling.confirm': {
			allowed: (side) => [side === 'A' ? 'schoolA1' : 'schoolB1'],
			call: async (api, x) => api.scheduling.confirm({ sessionId: await x.freshAccepted(), seen: 0 })
		}
	};

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		volunteerB = (
			await t.db.volunteerProfile.create({
				data: { orgId: tree.districtB, name: '西山老专家', category: 'retired_expert', homeDistrictId: tree.districtB }
			})
		).id;
		for (const side of ['A', 'B'] as const) {
			const district = side === 'A' ? tree.districtA : tree.districtB;
			substitutes[side] = (
				await t.db.volunteerProfile.create({
					data: {
						orgId: district,
						name: `替补${side}`,
						category: 'retired_teacher',
						homeDistrictId: district,
						monthlyCapacity: 10,
						topics: { create: [{ topic: 'legal' }] }
					}
				})
			).id;
		}
	});
	afterAll(() => t.cleanup());

	function targetOf(side: Side, round: string): Target {
		const district = side === 'A' ? tree.districtA : tree.districtB;
		const school = side === 'A' ? tree.schoolA1 : tree.schoolB1;
		const volunteer = side === 'A' ? tree.volunteerA : volunteerB;
		const demand = (roundId: string | null) =>
			t.db.demand.create({
				data: {
					orgId: school,
					roundId,
					kind: 'lecture',
					title: SECRET,
					topic: 'legal',
					status: 'open',
					windowFrom: d('2030-03-01'),
					windowTo: d('2030-03-31')
				}
			});
		const session = async (status: 'planned' | 'accepted') => {
			const dm = await demand(round);
			const a = await t.db.assignment.create({
				data: { roundId: round, demandId: dm.id, volunteerId: volunteer, state: status === 'planned' ? 'invited' : 'accepted' }
			});
			const s = await t.db.scheduledSession.create({
				data: {
					roundId: round,
					demandId: dm.id,
					orgId: school,
					status,
					startsAt: new Date('2030-03-05T01:00:00Z'),
					endsAt: new Date('2030-03-05T02:00:00Z'),
					volunteers: { create: [{ volunteerId: volunteer, assignmentId: a.id }] }
				}
			});
			return [a.id, s.id] as [string, string];
		};
		const freshDeclined = async () => {
			const [assignmentId, sessionId] = await session('planned');
			await t.db.assignment.update({ where: { id: assignmentId }, data: { state: 'declined', declineReason: 'busy' } });
			await t.db.sessionVolunteer.deleteMany({ where: { assignmentId } });
			await t.db.scheduledSession.update({
				where: { id: sessionId },
				data: {
					status: 'unscheduled',
					unscheduledReason: JSON.stringify({ kind: 'declined', volunteerId: volunteer, reason: 'busy', note: '' })
				}
			});
			return assignmentId;
		};
		return {
			district,
			round,
			freshRound: async (status) =>
				(
					await t.db.matchingRound.create({
						data: { orgId: district, name: SECRET, fromDate: d('2030-01-01'), toDate: d('2030-06-30'), status }
					})
				).id,
			freshDemand: async (inRound) => (await demand(inRound ? round : null)).id,
			freshInvitation: () => session('planned'),
			freshAccepted: async () => (await session('accepted'))[1],
			freshDeclined,
			substitute: substitutes[side],
			freshReplan: async () =>
				(
					await proposeSubstitute(t.db, {
						roundId: round,
						assignmentId: await freshDeclined(),
						volunteerId: substitutes[side],
						actorId: tree.users.admin,
						allowed: new Set([substitutes[side]])
					})
				).replanId
		};
	}
	const nowhere: Target = {
		district: 'missing',
		round: 'missing',
		freshRound: async () => 'missing',
		freshDemand: async () => 'missing',
		freshInvitation: async () => ['missing', 'missing'],
		freshAccepted: async () => 'missing',
		freshDeclined: async () => 'missing',
		substitute: 'missing',
		freshReplan: async () => 'missing'
	};

	sweepTests({
		routers: ['rounds', 'scheduling'],
		cases: CASES,
		callers: CALLERS,
		as,
		targetOf: async (side) => {
			const round = await t.db.matchingRound.create({
				data: {
					orgId: side === 'A' ? tree.districtA : tree.districtB,
					name: SECRET,
					fromDate: d('2030-01-01'),
					toDate: d('2030-06-30'),
					status: 'scheduling'
				}
			});
			return targetOf(side, round.id);
		},
		nowhere,
		secretOf: () => SECRET,
		next
	});
});
