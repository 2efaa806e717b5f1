import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMAND_KINDS, TOPICS, VOLUNTEER_CATEGORIES } from '../src/lib/domain/vocabulary';
import { verifyPassword } from '../src/lib/server/auth/password';
import { createTestDb, type TestDb, providers } from '../tests/helpers/test-db';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, type SeedSummary } from './seed';

describe.each(providers)('demo seed on %s', (provider) => {
	let t: TestDb;
	let summary: SeedSummary;
	beforeAll(async () => {
		t = await createTestDb(provider);
		summary = await seedDemo(t.db);
	});
	afterAll(() => t.cleanup());

	it('builds a believable prefecture', async () => {
		expect(summary).toMatchObject({ skipped: false, schools: 60, demands: 400 });
		expect(await t.db.organization.count({ where: { level: 'district' } })).toBe(6);
		expect(await t.db.organization.count({ where: { level: 'school', rural: true } })).toBeGreaterThan(10);
		expect(await t.db.travelTime.count()).toBe(6 * 5);
		expect(await t.db.volunteerProfile.count()).toBeGreaterThanOrEqual(200);
		const kinds = await t.db.demand.groupBy({ by: ['kind'], _count: true });
		expect(kinds.map((k) => k.kind).sort()).toEqual([...DEMAND_KINDS].sort());
		const categories = await t.db.volunteerProfile.groupBy({ by: ['category'], _count: true });
		expect(categories.map((c) => c.category).sort()).toEqual([...VOLUNTEER_CATEGORIES].sort());
		for (const d of await t.db.demand.findMany({ select: { topic: true } })) expect(TOPICS).toContain(d.topic);
		// The spring round to plan, beside the finished semester the reports look back on.
		expect((await t.db.matchingRound.findMany({ select: { name: true } })).map((r) => r.name)).toContain('2027 春季学期');
	});

	it('keeps every organisation path a chain of its ancestors', async () => {
		const orgs = await t.db.organization.findMany();
		const byId = new Map(orgs.map((o) => [o.id, o]));
		for (const o of orgs) {
			const parent = o.parentId ? byId.get(o.parentId) : null;
			expect(o.path).toBe(`${parent?.path ?? '/'}${o.id}/`);
			if (o.level !== 'city') expect(o.districtId).toBeTruthy();
		}
	});

	it('creates a working account for every role', async () => {
		for (const account of DEMO_ACCOUNTS) {
			const user = await t.db.user.findUniqueOrThrow({ where: { username: account.username }, include: { memberships: true } });
			expect(user.memberships.map((m) => m.role)).toEqual([account.role]);
			expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
		}
		expect(await t.db.volunteerProfile.findFirst({ where: { user: { username: 'volunteer' } } })).not.toBeNull();
	});

	it('runs once: a second seed changes nothing', async () => {
		const before = await t.db.demand.count();
		expect((await seedDemo(t.db)).skipped).toBe(true);
		expect(await t.db.demand.count()).toBe(before);
	});
});
