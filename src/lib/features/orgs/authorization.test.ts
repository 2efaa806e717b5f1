// Authorization sweep: every orgs.* and audit.* procedure, called as every role, on an
// organisation inside and outside the caller's subtree. Allowed calls succeed; the rest
// are refused exactly like calls naming an organisation that does not exist, and the
// refusal carries nothing about the target.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callers, failure, sweepTests, type SweepCase } from '$tests/helpers/callers';

type Side = 'A' | 'B';
const CALLERS = ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody', null] as const;
type Caller = (typeof CALLERS)[number];

interface Target {
	city: string;
	district: string;
	school: string;
	schoolName: string;
}

/** `target` is the side's organisations, or nonexistent ids for the probe. */
type Case = SweepCase<Side, Target, Caller>;

const bureau = (side: Side): Caller[] => ['admin', 'cityCoord', side === 'A' ? 'coordA' : 'coordB'];
const withSchool = (side: Side): Caller[] => [...bureau(side), side === 'A' ? 'schoolA1' : 'schoolB1'];
const viewers = (side: Side): Caller[] => [...withSchool(side), 'leader'];
const everyone = (): Caller[] => [...CALLERS];
const signedIn = (): Caller[] => CALLERS.filter((c) => c !== null);

const term = (n: number) => ({ kind: 'holiday' as const, label: `假期 ${n}`, fromDate: '2027-05-01', toDate: '2027-05-03' });

describe.each(providers)('authorization sweep on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as } = callers(() => t);
	let counter = 0;
	const next = () => ++counter;

	// Fresh rows per call, so a call that succeeds never changes what the next one sees.
	async function freshVillage(schoolId: string, active = true) {
		const school = await t.db.organization.findUniqueOrThrow({ where: { id: schoolId } });
		const v = await t.db.organization.create({
			data: { name: `小组 ${next()}`, level: 'village_group', parentId: school.id, path: 'pending', districtId: school.districtId, active }
		});
		return t.db.organization.update({ where: { id: v.id }, data: { path: `${school.path}${v.id}/` } });
	}
	async function freshEntry(schoolId: string) {
		const entry = await t.db.schoolCalendarEntry.findFirst({ where: { orgId: schoolId } });
		return (
			entry ??
			t.db.schoolCalendarEntry.create({
				data: { orgId: schoolId, kind: 'exam', label: '期中考试', fromDate: new Date('2027-04-12'), toDate: new Date('2027-04-16') }
			})
		);
	}
	async function freshMembership(orgId: string, active: boolean) {
		const user = await t.db.user.create({ data: { username: `member${next()}`, displayName: '某某', passwordHash: 'x' } });
		return t.db.membership.create({ data: { userId: user.id, orgId, role: 'school', active } });
	}
	async function freshInvitation(orgId: string) {
		const admin = await as('admin');
		const { code } = await admin.orgs.invite({ orgId, role: 'school' });
		const row = await t.db.invitation.findFirstOrThrow({ where: { orgId, usedAt: null }, orderBy: { createdAt: 'desc' } });
		return { code, id: row.id };
	}
	/** Ids that exist only inside the target's subtree; the probe gets ids that exist nowhere. */
	const real = (target: Target) => target.school !== 'missing';

	const CASES: Record<string, Case> = {
		'orgs.tree': { allowed: signedIn, call: (api) => api.orgs.tree({ includeInactive: true }) },
		'orgs.detail': { allowed: viewers, call: (api, x) => api.orgs.detail({ orgId: x.school }) },
		'orgs.create': {
			allowed: bureau,
			call: (api, x, n) => api.orgs.create({ orgId: x.school, name: `新小组 ${n}`, level: 'village_group' })
		},
		'orgs.update': { allowed: bureau, call: (api, x) => api.orgs.update({ orgId: x.school, name: x.schoolName, rural: true, rooms: 2 }) },
		'orgs.deactivate': {
			allowed: bureau,
			call: async (api, x) => api.orgs.deactivate({ orgId: real(x) ? (await freshVillage(x.school)).id : 'missing' })
		},
		'orgs.reactivate': {
			allowed: bureau,
			call: async (api, x) => api.orgs.reactivate({ orgId: real(x) ? (await freshVillage(x.school, false)).id : 'missing' })
		},
		'orgs.addCalendarEntry': { allowed: withSchool, call: (api, x, n) => api.orgs.addCalendarEntry({ orgId: x.school, ...term(n) }) },
		'orgs.updateCalendarEntry': {
			allowed: withSchool,
			call: async (api, x, n) =>
				api.orgs.updateCalendarEntry({
					orgId: x.school,
					entryId: real(x) ? (await freshEntry(x.school)).id : 'missing',
					...term(n),
					kind: 'exam'
				})
		},
		'orgs.deleteCalendarEntry': {
			allowed: withSchool,
			call: async (api, x) =>
				api.orgs.deleteCalendarEntry({ orgId: x.school, entryId: real(x) ? (await freshEntry(x.school)).id : 'missing' })
		},
		'orgs.setVisitingHours': {
			allowed: withSchool,
			call: (api, x) => api.orgs.setVisitingHours({ orgId: x.school, slots: [{ weekday: 2, fromMinute: 540, toMinute: 660 }] })
		},
		'orgs.travelMatrix': { allowed: (side) => [...bureau(side), 'leader'], call: (api, x) => api.orgs.travelMatrix({ orgId: x.district }) },
		'orgs.setTravelTimes': {
			// The matrix spans districts: only grants above both reach it, whichever side asks.
			allowed: () => ['admin', 'cityCoord'],
			call: (api, x) =>
				api.orgs.setTravelTimes({ orgId: x.city, entries: [{ fromId: tree.districtA, toId: tree.districtB, minutes: 30 + (counter % 5) }] })
		},
		'orgs.invite': { allowed: bureau, call: (api, x) => api.orgs.invite({ orgId: x.school, role: 'school' }) },
		'orgs.invitations': { allowed: bureau, call: (api, x) => api.orgs.invitations({ orgId: x.school }) },
		'orgs.revokeInvitation': {
			allowed: bureau,
			call: async (api, x) =>
				api.orgs.revokeInvitation({ orgId: x.school, invitationId: real(x) ? (await freshInvitation(x.school)).id : 'missing' })
		},
		'orgs.invitation': {
			allowed: everyone,
			call: async (api, x) => {
				const found = await api.orgs.invitation({ code: (await freshInvitation(x.school)).code });
				if (!found) throw new Error('a fresh code should be found');
				return found;
			}
		},
		'orgs.acceptInvite': {
			allowed: everyone,
			call: async (api, x, n) =>
				api.orgs.acceptInvite({
					code: (await freshInvitation(x.school)).code,
					username: `joiner${n}`,
					displayName: '新人',
					password: 'long-enough-1'
				})
		},
		'orgs.members': { allowed: bureau, call: (api, x) => api.orgs.members({ orgId: x.school }) },
		'orgs.deactivateMember': {
			allowed: bureau,
			call: async (api, x) =>
				api.orgs.deactivateMember({ orgId: x.school, membershipId: real(x) ? (await freshMembership(x.school, true)).id : 'missing' })
		},
		'orgs.reactivateMember': {
			allowed: bureau,
			call: async (api, x) =>
				api.orgs.reactivateMember({ orgId: x.school, membershipId: real(x) ? (await freshMembership(x.school, false)).id : 'missing' })
		},
		'audit.list': { allowed: bureau, call: (api, x) => api.audit.list({ orgId: x.school }) },
		'audit.facets': { allowed: bureau, call: (api, x) => api.audit.facets({ orgId: x.school }) }
	};

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	const targetOf = (side: Side): Target => ({
		city: tree.city,
		district: side === 'A' ? tree.districtA : tree.districtB,
		school: side === 'A' ? tree.schoolA1 : tree.schoolB1,
		schoolName: side === 'A' ? '东湖实验小学' : '西山中心小学'
	});
	const nowhere: Target = { city: 'missing', district: 'missing', school: 'missing', schoolName: 'missing' };

	sweepTests({
		routers: ['orgs', 'audit'],
		cases: CASES,
		callers: CALLERS,
		as,
		targetOf: targetOf,
		nowhere,
		secretOf: (side) => targetOf(side).schoolName,
		next
	});

	it('scopes the lists: the tree and the audit log show nothing outside the subtree', async () => {
		await (await as('admin')).orgs.update({ orgId: tree.schoolB1, name: '西山中心小学', rural: false, rooms: 1 });
		const visible = async (caller: string) => new Set((await (await as(caller)).orgs.tree({ includeInactive: true })).map((o) => o.id));
		const a = await visible('coordA');
		expect(a.has(tree.schoolA1) && !a.has(tree.schoolB1) && !a.has(tree.districtB) && !a.has(tree.city)).toBe(true);
		const s = await visible('schoolA1');
		expect(s.has(tree.villageA1) && !s.has(tree.schoolA2) && !s.has(tree.districtA)).toBe(true);
		expect((await visible('volA')).size).toBe(0);

		const log = await (await as('coordA')).audit.list({});
		expect(log.total).toBeGreaterThan(0);
		const subtree = new Set(
			(
				await t.db.organization.findMany({
					where: { path: { startsWith: (await t.db.organization.findUniqueOrThrow({ where: { id: tree.districtA } })).path } }
				})
			).map((o) => o.id)
		);
		const ids = await t.db.auditLog.findMany({ where: { id: { in: log.entries.map((e) => e.id) } }, select: { orgId: true } });
		expect(ids.every((r) => r.orgId && subtree.has(r.orgId))).toBe(true);
		expect(JSON.stringify(log)).not.toContain('西山');
		for (const caller of ['leader', 'schoolA1', 'volA', 'nobody']) {
			expect((await failure((await as(caller)).audit.list({}))).code).toBe('FORBIDDEN');
		}
	});
});
