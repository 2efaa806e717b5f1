// The audit log viewer's API: scoped to the caller's subtree, filtered, paged, readable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { recordAudit } from '$lib/server/audit';
import { callers, failure, fieldsOf } from '$tests/helpers/callers';
import { AUDIT_PAGE_SIZE } from './schemas';

describe.each(providers)('audit log on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as } = callers(() => t);

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		const coordA = await as('coordA');
		await coordA.orgs.update({ orgId: tree.schoolA1, name: '东湖实验小学', rural: true, rooms: 2 });
		await coordA.orgs.addCalendarEntry({
			orgId: tree.schoolA1,
			kind: 'holiday',
			label: '五一假期',
			fromDate: '2027-05-01',
			toDate: '2027-05-05'
		});
		await (await as('schoolA1')).orgs.setVisitingHours({ orgId: tree.schoolA1, slots: [{ weekday: 1, fromMinute: 480, toMinute: 690 }] });
		await (await as('coordB')).orgs.update({ orgId: tree.schoolB1, name: '西山中心小学', rural: true, rooms: 1 });
		// Another feature's entry carrying a pupil's personal data, and one tied to no organisation.
		await recordAudit(t.db, {
			actorId: tree.users.schoolA1,
			orgId: tree.schoolA1,
			entity: 'demand',
			entityId: 'd1',
			action: 'update',
			before: { title: '结对帮扶', pupil: { realName: '王某某', grade: '四年级' } },
			after: { title: '结对帮扶（四年级）', pupil: { realName: '王小某', grade: '四年级' } }
		});
		await recordAudit(t.db, { actorId: null, orgId: null, entity: 'user', entityId: 'u1', action: 'update', after: { locale: 'en' } });
	});
	afterAll(() => t.cleanup());

	it('shows a district coordinator the entries of the district only, newest first, with readable changes', async () => {
		const log = await (await as('coordA')).audit.list({});
		expect(log.entries.map((e) => e.entity)).toEqual(['demand', 'visiting_hours', 'calendar_entry', 'organization']);
		const update = log.entries.find((e) => e.entity === 'organization')!;
		expect(update).toMatchObject({
			action: 'update',
			orgName: '东湖实验小学',
			actor: { username: 'coordA' },
			changes: [
				{ field: 'rural', before: false, after: true },
				{ field: 'rooms', before: 1, after: 2 }
			]
		});
		expect(log.entries.find((e) => e.entity === 'visiting_hours')!.changes).toEqual([
			{ field: 'weekday1', before: null, after: '08:00–11:30' }
		]);
		const text = JSON.stringify(log);
		expect(text).not.toMatch(/王某某|王小某|西山/);
		expect(log.entries.find((e) => e.entity === 'demand')!.changes.map((c) => c.field)).toEqual(['title', 'pupil.realName']);
	});

	it('gives the entries tied to no organisation to the top of the tree only', async () => {
		const admin = await (await as('admin')).audit.list({});
		expect(admin.entries.map((e) => e.entity)).toContain('user');
		expect(admin.total).toBe(6);
		expect((await (await as('coordA')).audit.list({ entity: 'user' })).total).toBe(0);
		expect((await (await as('admin')).audit.list({ orgId: tree.districtA, entity: 'user' })).total).toBe(0);
	});

	it('filters by organisation subtree, record, action, person and dates', async () => {
		const admin = await as('admin');
		expect((await admin.audit.list({ orgId: tree.districtB })).entries.map((e) => e.orgName)).toEqual(['西山中心小学']);
		expect((await admin.audit.list({ entity: 'calendar_entry' })).entries.map((e) => e.action)).toEqual(['create']);
		expect((await admin.audit.list({ action: 'update', actor: 'coord' })).total).toBe(2);
		expect((await admin.audit.list({ actor: 'schoolA1' })).entries.map((e) => e.entity).sort()).toEqual(['demand', 'visiting_hours']);
		const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
		expect((await admin.audit.list({ from: today, to: today })).total).toBe(6);
		expect((await admin.audit.list({ to: '2025-01-01' })).total).toBe(0);
		// Blank fields from the filter form mean no filter.
		expect((await admin.audit.list({ from: '', to: '', entity: '', actor: ' ' })).total).toBe(6);
		const facets = await (await as('coordA')).audit.facets();
		expect(facets.entities).toEqual(['calendar_entry', 'demand', 'organization', 'visiting_hours']);
		expect(facets.orgs.map((o) => `${o.depth} ${o.name}`).sort()).toEqual([
			'0 东湖区关工委',
			'1 东湖实验小学',
			'1 东湖第二中学',
			'2 柳村关工小组'
		]);
	});

	it('pages through long logs', async () => {
		const admin = await as('admin');
		for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++) {
			await recordAudit(t.db, {
				actorId: tree.users.admin,
				orgId: tree.schoolA2,
				entity: 'organization',
				entityId: tree.schoolA2,
				action: 'touch',
				after: { n: i }
			});
		}
		const first = await admin.audit.list({ action: 'touch' });
		const second = await admin.audit.list({ action: 'touch', page: 2 });
		expect([first.total, first.pageCount, first.entries.length, second.entries.length]).toEqual([
			AUDIT_PAGE_SIZE + 5,
			2,
			AUDIT_PAGE_SIZE,
			5
		]);
		expect(new Set([...first.entries, ...second.entries].map((e) => e.id)).size).toBe(AUDIT_PAGE_SIZE + 5);
	});

	it('refuses bad filters by field and callers without the right', async () => {
		const admin = await as('admin');
		expect(fieldsOf(await failure(admin.audit.list({ from: '2027-05-02', to: '2027-05-01' })))).toEqual(['to']);
		expect(fieldsOf(await failure(admin.audit.list({ page: 0 })))).toEqual(['page']);
		expect(fieldsOf(await failure(admin.audit.list({ from: '2027-13-01' })))).toEqual(['from']);
		expect((await failure((await as('coordB')).audit.list({ orgId: tree.schoolA1 }))).code).toBe('FORBIDDEN');
		expect((await failure((await as('leader')).audit.facets())).code).toBe('FORBIDDEN');
		expect((await failure((await as(null)).audit.list({}))).code).toBe('UNAUTHORIZED');
	});
});
