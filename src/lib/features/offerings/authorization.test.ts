// Authorization sweep: every offerings.* procedure, called as every role, about a veteran and
// a school inside and outside the caller's subtree. A school books only for itself; a veteran
// edits only their own offerings; refusals look exactly like calls about ids that exist nowhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callers, sweepTests, type SweepCase } from '$tests/helpers/callers';
import { approvedOffering, bookingFields, makeBookable, offeringFields } from './testing';

type Side = 'A' | 'B';
const CALLERS = ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody', null] as const;
type Caller = (typeof CALLERS)[number];

interface Target {
	volunteer: string;
	school: string;
	/** A fresh offering of the target veteran (pending review). */
	offering: () => Promise<string>;
	/** A fresh approved offering the side's school may book. */
	bookable: () => Promise<string>;
	/** A booking of the side's school, and a veteran it could be redirected to. */
	booking: () => Promise<{ demandId: string; substitute: string }>;
}
type Case = SweepCase<Side, Target, Caller>;

const SECRET = '秘密课程标题';
const editors = (side: Side): Caller[] => ['admin', 'cityCoord', side === 'A' ? 'coordA' : 'coordB'];
const editorsOrSelf = (side: Side): Caller[] => [...editors(side), ...(side === 'A' ? (['volA'] as const) : [])];
const schoolOf = (side: Side): Caller[] => [side === 'A' ? 'schoolA1' : 'schoolB1'];
const signedIn = (): Caller[] => CALLERS.filter((c) => c !== null);

describe.each(providers)('offerings authorization sweep on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	let volunteerB: string;
	let roundB: string;
	const { as } = callers(() => t);
	let counter = 0;
	const next = () => ++counter;

	const CASES: Record<string, Case> = {
		'offerings.mine': { allowed: signedIn, call: (api) => api.offerings.mine() },
		'offerings.list': { allowed: signedIn, call: (api) => api.offerings.list({}) },
		'offerings.get': { allowed: editorsOrSelf, call: async (api, x) => api.offerings.get({ id: await x.offering() }) },
		'offerings.save': {
			allowed: editorsOrSelf,
			call: (api, x) => api.offerings.save({ volunteerId: x.volunteer, fields: offeringFields({ title: SECRET }) })
		},
		'offerings.withdraw': { allowed: editorsOrSelf, call: async (api, x) => api.offerings.withdraw({ id: await x.offering() }) },
		'offerings.review': {
			allowed: editors,
			call: async (api, x) => api.offerings.review({ id: await x.offering(), decision: 'approve', note: '' })
		},
		'offerings.menu': { allowed: schoolOf, call: (api, x) => api.offerings.menu({ orgId: x.school }) },
		'offerings.book': {
			allowed: schoolOf,
			call: async (api, x) =>
				api.offerings.book({ orgId: x.school, offeringId: await x.bookable(), fields: bookingFields({ mode: 'online' }) })
		},
		'offerings.bookings': { allowed: schoolOf, call: (api, x) => api.offerings.bookings({ orgId: x.school }) },
		'offerings.substitutes': {
			allowed: editors,
			call: async (api, x) => api.offerings.substitutes({ demandId: (await x.booking()).demandId })
		},
		'offerings.redirect': {
			allowed: editors,
			call: async (api, x) => {
				const b = await x.booking();
				return api.offerings.redirect({ demandId: b.demandId, volunteerId: b.substitute });
			}
		}
	};

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		({ volunteerB, roundB } = await makeBookable(t.db, tree));
	});
	afterAll(() => t.cleanup());

	/** A booking made straight in the database, with a second veteran of the same topic to redirect to. */
	async function booking(side: Side) {
		const [volunteer, school, roundId, district] =
			side === 'A' ? [tree.volunteerA, tree.schoolA1, tree.roundId, tree.districtA] : [volunteerB, tree.schoolB1, roundB, tree.districtB];
		const offeringId = await approvedOffering(t.db, volunteer, { title: SECRET });
		const demand = await t.db.demand.create({
			data: {
				orgId: school,
				roundId,
				offeringId,
				kind: 'lecture',
				title: SECRET,
				topic: 'legal',
				windowFrom: new Date('2027-03-01'),
				windowTo: new Date('2027-03-31'),
				status: 'matched'
			}
		});
		await t.db.assignment.create({
			data: { roundId, demandId: demand.id, volunteerId: volunteer, state: 'declined', pinned: true, booked: true }
		});
		// Earlier substitutes step aside, so the new one is among the few offered.
		await t.db.volunteerProfile.updateMany({ where: { name: { startsWith: '替补' } }, data: { active: false } });
		const substitute = await t.db.volunteerProfile.create({
			data: {
				orgId: district,
				name: `替补${next()}`,
				category: 'retired_cadre',
				homeDistrictId: district,
				topics: { create: [{ topic: 'legal' }] },
				languages: { create: [{ language: 'zh' }] }
			}
		});
		return { demandId: demand.id, substitute: substitute.id };
	}

	const targetOf = (side: Side): Target => {
		const volunteer = side === 'A' ? tree.volunteerA : volunteerB;
		return {
			volunteer,
			school: side === 'A' ? tree.schoolA1 : tree.schoolB1,
			offering: async () =>
				(await t.db.offering.create({ data: { ...offeringFields({ title: SECRET }), audience: 'junior_high', volunteerId: volunteer } }))
					.id,
			bookable: () => approvedOffering(t.db, volunteer, { title: SECRET, perTerm: 30 }),
			booking: () => booking(side)
		};
	};
	const nowhere: Target = {
		volunteer: 'missing',
		school: 'missing',
		offering: async () => 'missing',
		bookable: async () => 'missing',
		booking: async () => ({ demandId: 'missing', substitute: 'missing' })
	};

	sweepTests({
		routers: ['offerings'],
		cases: CASES,
		callers: CALLERS,
		as,
		targetOf: targetOf,
		nowhere,
		secretOf: () => SECRET,
		next
	});

	it("lists only the offerings of veterans in the caller's subtree, and a veteran only their own", async () => {
		await targetOf('A').offering();
		await targetOf('B').offering();
		const seen = async (caller: string) => {
			const api = await as(caller);
			const listed = (await api.offerings.list({ pageSize: 100 })).rows.map((r) => r.volunteer.id);
			return [listed.includes(tree.volunteerA), listed.includes(volunteerB)];
		};
		expect(await seen('cityCoord')).toEqual([true, true]);
		expect(await seen('leader')).toEqual([true, true]);
		expect(await seen('coordA')).toEqual([true, false]);
		expect(await seen('coordB')).toEqual([false, true]);
		for (const caller of ['schoolA1', 'volA', 'nobody']) expect(await seen(caller), caller).toEqual([false, false]);
		expect(await (await as('coordA')).offerings.mine()).toEqual([]);
	});
});
