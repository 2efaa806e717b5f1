// The demand list through the real router: who may do what where, what pupils' data
// reaches whom, field-named errors, and paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callerAs } from '$tests/helpers/api';
import { allowedMoves, priorityOf } from './domain';
import type { DemandFields } from './schemas';

const fields = (over: Partial<DemandFields> = {}): DemandFields => ({
	kind: 'lecture',
	title: '法治教育进校园',
	topic: 'legal',
	audience: ['primary_upper'],
	audienceSize: 120,
	mode: 'offline',
	windowFrom: '2027-03-01',
	windowTo: '2027-03-31',
	sessionCount: 1,
	sessionMinutes: 60,
	seats: 1,
	rural: false,
	leftBehind: false,
	hardship: false,
	language: null,
	notes: '',
	pupil: null,
	...over
});

describe('need rules', () => {
	it('derives priority from the flags', () => {
		expect(priorityOf({ rural: false, leftBehind: false, hardship: false })).toBe(1);
		expect(priorityOf({ rural: true, leftBehind: false, hardship: false })).toBe(2);
		expect(priorityOf({ rural: true, leftBehind: true, hardship: false })).toBe(3);
	});
	it('lets schools open and withdraw but only coordinators drive matching', () => {
		expect(allowedMoves('draft', ['school'])).toEqual(['open', 'withdrawn']);
		expect(allowedMoves('open', ['school'])).toEqual(['draft', 'withdrawn']);
		expect(allowedMoves('open', ['coordinator'])).toEqual(['draft', 'matched', 'withdrawn']);
		expect(allowedMoves('done', ['coordinator', 'school'])).toEqual([]);
	});
});

describe.each(providers)('demand list API on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	let needA1: string;
	let mentoring: string;

	const as = (username: string) => callerAs(t.db, username);

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		needA1 = (await (await as('schoolA1')).demands.create({ orgId: tree.schoolA1, fields: fields(), publish: true })).id;
		mentoring = (
			await (
				await as('schoolA1')
			).demands.create({
				orgId: tree.schoolA1,
				fields: fields({
					kind: 'mentoring',
					title: '结对帮扶：四年级学生',
					topic: 'family',
					sessionCount: 6,
					pupil: { pseudonym: '小雨', grade: '四年级', needs: '父母在外务工', realName: '王小雨', contact: '13800000000' }
				}),
				publish: true
			})
		).id;
	});
	afterAll(() => t.cleanup());

	it('sweeps every procedure across roles, inside and outside the subtree', async () => {
		const allowed = async (username: string, call: (api: Awaited<ReturnType<typeof as>>) => Promise<unknown>) => {
			try {
				await call(await as(username));
				return true;
			} catch (e) {
				expect((e as { code?: string }).code).toMatch(/FORBIDDEN|NOT_FOUND|UNAUTHORIZED/);
				return false;
			}
		};
		const matrix: Record<string, Record<string, boolean>> = {};
		for (const user of ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody']) {
			matrix[user] = {
				get: await allowed(user, (api) => api.demands.get({ id: needA1 })),
				update: await allowed(user, (api) => api.demands.update({ id: needA1, fields: fields({ title: `法治教育进校园（${user}）` }) })),
				create: await allowed(user, (api) => api.demands.create({ orgId: tree.schoolA1, fields: fields(), publish: false })),
				duplicate: await allowed(user, (api) => api.demands.duplicate({ id: needA1 })),
				transition: await allowed(user, (api) =>
					api.demands.transition({ id: needA1, to: 'open' }).catch((e) => {
						if ((e as { code?: string }).code === 'BAD_REQUEST') return null;
						throw e;
					})
				)
			};
		}
		const row = (get: boolean, edit: boolean) => ({ get, update: edit, create: edit, duplicate: edit, transition: edit });
		expect(matrix).toEqual({
			admin: row(true, true),
			cityCoord: row(true, true),
			coordA: row(true, true),
			coordB: row(false, false),
			leader: row(true, false),
			schoolA1: row(true, true),
			schoolB1: row(false, false),
			volA: row(false, false),
			nobody: row(false, false)
		});
	});

	it('lists only the caller subtree, with paging, sorting, search and filters', async () => {
		const b1 = await as('schoolB1');
		await b1.demands.create({ orgId: tree.schoolB1, fields: fields({ title: '西山心理健康讲座', topic: 'mental_health' }), publish: true });
		const coordA = await (await as('coordA')).demands.list({ pageSize: 100 });
		expect(coordA.rows.every((r) => r.org.id === tree.schoolA1 || r.org.id === tree.schoolA2)).toBe(true);
		expect((await (await as('schoolB1')).demands.list({})).rows.map((r) => r.title)).toEqual(['西山心理健康讲座']);
		const city = await as('cityCoord');
		expect((await city.demands.list({ search: '西山' })).rows).toHaveLength(1);
		expect((await city.demands.list({ topic: 'family' })).rows.map((r) => r.id)).toEqual([mentoring]);
		const page = await city.demands.list({ pageSize: 5, page: 1, sort: 'title', direction: 'desc' });
		expect(page.total).toBeGreaterThan(5);
		expect(page.rows).toHaveLength(5);
		const titles = page.rows.map((r) => r.title);
		expect([...titles].sort().reverse()).toEqual(titles);
		expect(await (await as('nobody')).demands.list({})).toMatchObject({ total: 0, rows: [] });
	});

	it('filters by district and school, and finds schools by the pinyin initials of their names', async () => {
		await (
			await as('coordA')
		).demands.create({ orgId: tree.schoolA2, fields: fields({ title: '东湖二中阅读分享会', topic: 'reading' }), publish: true });
		await (await as('schoolB1')).demands.create({ orgId: tree.schoolB1, fields: fields({ title: '西山法治讲座' }), publish: true });
		const city = await as('cityCoord');
		const schoolsOf = async (input: Parameters<typeof city.demands.list>[0]) =>
			[...new Set((await city.demands.list({ pageSize: 200, ...input })).rows.map((r) => r.org.name))].sort();
		expect(await schoolsOf({ districtId: tree.districtA })).toEqual(['东湖实验小学', '东湖第二中学'].sort());
		expect(await schoolsOf({ districtId: tree.districtB })).toEqual(['西山中心小学']);
		expect(await schoolsOf({ orgId: tree.schoolA2 })).toEqual(['东湖第二中学']);
		// 东湖实验小学 → dhsyxx, 东湖第二中学 → dhdezx, 西山中心小学 → xszxxx
		expect(await schoolsOf({ search: 'dh' })).toEqual(['东湖实验小学', '东湖第二中学'].sort());
		expect(await schoolsOf({ search: 'DHDE' })).toEqual(['东湖第二中学']);
		expect(await schoolsOf({ search: 'xs', priority: 1 })).toEqual(['西山中心小学']);
		// Initials reach only schools the caller may see.
		expect((await (await as('coordA')).demands.list({ search: 'xs' })).total).toBe(0);
	});

	it("shows a pupil's name and contact only to the school and the accepted mentor", async () => {
		const realName = async (username: string) => {
			try {
				return (await (await as(username)).demands.get({ id: mentoring })).pupil?.realName ?? null;
			} catch {
				return 'refused';
			}
		};
		expect(await realName('schoolA1')).toBe('王小雨');
		expect(await realName('coordA')).toBeNull();
		expect(await realName('leader')).toBeNull();
		expect(await realName('schoolB1')).toBe('refused');
		expect(await realName('volA')).toBe('refused');
		const listed = JSON.stringify(await (await as('cityCoord')).demands.list({ pageSize: 100 }));
		expect(listed).not.toMatch(/王小雨|13800000000/);

		// The mentor sees the need once invited, the pupil's identity only after accepting.
		const assignment = await t.db.assignment.create({
			data: { roundId: tree.roundId, demandId: mentoring, volunteerId: tree.volunteerA, state: 'invited' }
		});
		expect(await realName('volA')).toBeNull();
		await t.db.assignment.update({ where: { id: assignment.id }, data: { state: 'accepted' } });
		expect(await realName('volA')).toBe('王小雨');
		await t.db.assignment.update({ where: { id: assignment.id }, data: { state: 'cancelled' } });
		expect(await realName('volA')).toBe('refused');
		// The audit trail never holds the pupil's identity.
		expect(await t.db.auditLog.count({ where: { entityId: mentoring, after: { contains: '王小雨' } } })).toBe(0);
	});

	it('names the field and the reason of bad input, and keeps what was saved', async () => {
		const api = await as('schoolA1');
		await expect(
			api.demands.update({ id: needA1, fields: fields({ windowFrom: '2027-04-10', windowTo: '2027-04-01' }) })
		).rejects.toMatchObject({
			message: expect.stringContaining('windowTo')
		});
		await expect(
			api.demands.create({ orgId: tree.schoolA1, fields: fields({ title: '短', audience: [] }), publish: false })
		).rejects.toMatchObject({
			message: expect.stringMatching(/title.*audience|audience.*title/s)
		});
		expect((await api.demands.get({ id: needA1 })).fields.windowFrom).toBe('2027-03-01');
	});

	it('moves status along the allowed paths only, and audits each change', async () => {
		const school = await as('schoolA1');
		await expect(school.demands.transition({ id: needA1, to: 'matched' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		await (await as('coordA')).demands.transition({ id: needA1, to: 'matched' });
		expect((await school.demands.get({ id: needA1 })).status).toBe('matched');
		expect(await t.db.auditLog.count({ where: { entity: 'demand', entityId: needA1 } })).toBeGreaterThan(1);
	});
});
