// Importing the demand list through the real router: dates as Excel cells and as text, every
// kind of bad row, a school importing its own needs, re-imports that post nothing twice, and
// pupils' identity kept out of it all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { dayToDate } from '$lib/domain/dates';
import type { Cell } from './cells';
import { DEMAND_COLUMNS } from './demand-sheet';
import { headerOf } from './sheet-spec';
import { drain, upload, xlsxFile } from './testing';

const HEADERS = DEMAND_COLUMNS.map((c) => headerOf(c, 'zh'));
const day = dayToDate;

function need(cells: Partial<Record<(typeof DEMAND_COLUMNS)[number]['key'], Cell>>): Cell[] {
	return DEMAND_COLUMNS.map((c) => cells[c.key] ?? null);
}

const lecture = {
	school: '东湖实验小学',
	kind: '宣讲',
	title: '法治教育进校园',
	topic: '法治与安全',
	audience: '小学高年级',
	audienceSize: 120,
	windowFrom: day('2027-03-01'),
	windowTo: day('2027-03-31')
};

const CLEAN: Cell[][] = [
	HEADERS,
	need(lecture),
	need({
		...lecture,
		school: '东湖第二中学',
		kind: '家长学校',
		title: '家长课堂：走进孩子的内心',
		topic: '家庭教育',
		audience: '家长、教师',
		audienceSize: '80',
		mode: '线上或线下',
		windowFrom: '2027/4/1',
		windowTo: '2027年4月30日',
		sessionCount: 2,
		sessionMinutes: 90,
		seats: 2,
		rural: '是',
		notes: '请提前一周联系'
	}),
	need({
		...lecture,
		school: '柳村关工小组',
		kind: 'tutoring',
		title: '一对一辅导：阅读与写作',
		topic: 'reading',
		audience: 'primary_lower',
		audienceSize: 1,
		windowFrom: '2027-03-01',
		windowTo: '2027-07-09',
		leftBehind: '✓',
		language: '普通话'
	})
];

describe.each(providers)('importing needs on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const as = (username: string) => callerAs(t.db, username);

	async function preview(bytes: Uint8Array, username = 'coordA', publish = false) {
		return (await drain(await (await as(username)).spreadsheets.demands.preview({ publish, file: upload('needs.xlsx', bytes) }))).preview;
	}
	async function commit(bytes: Uint8Array, username = 'coordA', publish = false) {
		const { fingerprint } = await preview(bytes, username, publish);
		return (
			await drain(await (await as(username)).spreadsheets.demands.commit({ publish, fingerprint, file: upload('needs.xlsx', bytes) }))
		).outcome;
	}
	const needs = () => t.db.demand.findMany({ orderBy: { title: 'asc' } });

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		await t.db.organization.update({ where: { id: tree.villageA1 }, data: { rural: true } });
	});
	afterAll(() => t.cleanup());
	beforeEach(async () => {
		await t.db.demand.deleteMany({});
		await t.db.auditLog.deleteMany({});
	});

	it('imports a clean file: Excel dates and written dates, defaults and priority as the form gives them', async () => {
		const p = await preview(await xlsxFile(CLEAN));
		expect(p.problems).toEqual([]);
		expect(p.counts).toEqual({ rows: 3, create: 3, update: 0, unchanged: 0 });
		expect(await needs()).toEqual([]);
		expect(await commit(await xlsxFile(CLEAN), 'coordA', true)).toMatchObject({ saved: true, counts: { create: 3 } });

		const byTitle = async (prefix: string) => t.db.demand.findFirstOrThrow({ where: { title: { startsWith: prefix } } });
		const [parents, tutoring, law] = [await byTitle('家长课堂'), await byTitle('一对一辅导'), await byTitle('法治教育')];
		expect(law).toMatchObject({
			orgId: tree.schoolA1,
			kind: 'lecture',
			topic: 'legal',
			audience: 'primary_upper',
			windowFrom: day('2027-03-01'),
			windowTo: day('2027-03-31'),
			mode: 'offline',
			sessionCount: 1,
			sessionMinutes: 60,
			seats: 1,
			priority: 1,
			status: 'open',
			createdById: tree.users.coordA
		});
		expect(parents).toMatchObject({
			orgId: tree.schoolA2,
			kind: 'parent_school',
			audience: 'parents,teachers',
			audienceSize: 80,
			mode: 'any',
			windowFrom: day('2027-04-01'),
			windowTo: day('2027-04-30'),
			rural: true,
			priority: 2,
			notes: '请提前一周联系'
		});
		// A village group's rural flag is taken when the cell is blank; left-behind pupils come first.
		expect(tutoring).toMatchObject({ orgId: tree.villageA1, kind: 'tutoring', rural: true, leftBehind: true, priority: 3, language: 'zh' });
		const audits = await t.db.auditLog.findMany({ where: { entity: 'demand' } });
		expect(audits.map((a) => a.action)).toEqual(['create', 'create', 'create']);
	});

	it('lists every bad row with its column and reason and posts nothing', async () => {
		const p = await preview(
			await xlsxFile([
				HEADERS,
				need({ ...lecture, school: '西山中心小学' }),
				need({ ...lecture, school: '不存在的学校' }),
				need({ ...lecture, school: null }),
				need({ ...lecture, windowFrom: '2027-02-30' }),
				need({ ...lecture, windowTo: day('2027-02-01') }),
				need({ ...lecture, kind: '参观' }),
				need({ ...lecture, audience: null }),
				need({ ...lecture, audienceSize: 0 }),
				need({ ...lecture, title: '讲座' }),
				need({ ...lecture, rural: '也许' }),
				need({ ...lecture, title: '心理健康讲座：考前减压' }),
				need({ ...lecture, title: '心理健康讲座：考前减压', notes: '同一条需求写了两遍' })
			])
		);
		expect(p.problems).toEqual([
			{ row: 2, column: '学校', reason: '找不到“西山中心小学”，或不在您管理的范围内' },
			{ row: 3, column: '学校', reason: '找不到“不存在的学校”，或不在您管理的范围内' },
			{ row: 4, column: '学校', reason: '必填，不能为空' },
			{ row: 5, column: '最早日期', reason: '无法识别日期“2027-02-30”，请写成 2027-03-01、2027/3/1 或 2027年3月1日' },
			{ row: 6, column: '最晚日期', reason: '结束日期不能早于开始日期' },
			{ row: 7, column: '需求类型', reason: expect.stringMatching(/^没有“参观”这一项，可以填：宣讲、结对帮扶/) },
			{ row: 8, column: '对象', reason: '必填，不能为空' },
			{ row: 9, column: '人数', reason: '不能小于 1' },
			{ row: 10, column: '标题', reason: '太短了，至少 4 个字' },
			{ row: 11, column: '农村或薄弱学校', reason: '“也许”看不懂，请填“是”或“否”' },
			{ row: 13, column: '标题', reason: '和第 12 行是同一条需求（学校、类型、标题和最早日期都相同）' }
		]);
		expect(await needs()).toEqual([]);
	});

	it('lets a school import its own needs without naming itself, and no other school’s', async () => {
		const p = await preview(
			await xlsxFile([
				HEADERS.filter((h) => h !== '学校'),
				need(lecture).slice(1),
				need({ ...lecture, title: '红色故事会', topic: '五史教育' }).slice(1)
			]),
			'schoolA1'
		);
		expect(p).toMatchObject({ problems: [], counts: { create: 2 } });
		expect(p.sample.rows.map((r) => r.cells[0])).toEqual(['东湖实验小学', '东湖实验小学']);
		const other = await preview(
			await xlsxFile([HEADERS, need({ ...lecture, school: '东湖第二中学' }), need({ ...lecture, school: '柳村关工小组' })]),
			'schoolA1'
		);
		expect(other.problems).toEqual([{ row: 2, column: '学校', reason: '找不到“东湖第二中学”，或不在您管理的范围内' }]);
		// Without the school column a coordinator must say which school each row is for.
		const coordinator = await preview(await xlsxFile([HEADERS.filter((h) => h !== '学校'), need(lecture).slice(1)]));
		expect(coordinator.problems).toContainEqual({ row: 1, column: '学校', reason: '缺少这一列（必填）' });
	});

	it('posts nothing twice on re-import, updates what changed, and leaves finished needs alone', async () => {
		await commit(await xlsxFile(CLEAN));
		const again = await preview(await xlsxFile(CLEAN));
		expect(again.counts).toEqual({ rows: 3, create: 0, update: 0, unchanged: 3 });
		expect(await commit(await xlsxFile(CLEAN))).toMatchObject({ saved: true, counts: { unchanged: 3 } });
		expect(await t.db.demand.count()).toBe(3);

		const law = await t.db.demand.findFirstOrThrow({ where: { title: '法治教育进校园' } });
		const changed = [...CLEAN];
		changed[1] = need({ ...lecture, audienceSize: 200 });
		expect(await commit(await xlsxFile(changed))).toMatchObject({ saved: true, counts: { update: 1, unchanged: 2 } });
		expect(await t.db.demand.findUniqueOrThrow({ where: { id: law.id } })).toMatchObject({ audienceSize: 200, status: 'draft' });
		expect(await t.db.auditLog.count({ where: { entityId: law.id, action: 'update' } })).toBe(1);

		await t.db.demand.update({ where: { id: law.id }, data: { status: 'done' } });
		expect((await preview(await xlsxFile(changed))).problems).toEqual([]);
		changed[1] = need({ ...lecture, audienceSize: 300 });
		expect((await preview(await xlsxFile(changed))).problems).toEqual([{ row: 2, column: '标题', reason: '这条需求已经完成，不能再修改' }]);
	});

	it('keeps a mentoring pupil as it is and out of the audit trail', async () => {
		const mentoring = await t.db.demand.create({
			data: {
				orgId: tree.schoolA1,
				kind: 'mentoring',
				title: '结对帮扶：四年级学生',
				topic: 'family',
				audience: 'primary_upper',
				audienceSize: 1,
				windowFrom: day('2027-03-01'),
				windowTo: day('2027-06-30'),
				sessionCount: 6,
				sessionMinutes: 60,
				pupil: { create: { pseudonym: '小雨', grade: '四年级', realName: '王小雨', contact: '13800000000' } }
			}
		});
		const row = need({
			school: '东湖实验小学',
			kind: '结对帮扶',
			title: '结对帮扶：四年级学生',
			topic: '家庭教育',
			audience: '小学高年级',
			audienceSize: 1,
			windowFrom: day('2027-03-01'),
			windowTo: day('2027-06-30'),
			sessionCount: 8
		});
		expect(await commit(await xlsxFile([HEADERS, row]))).toMatchObject({ saved: true, counts: { update: 1 } });
		expect(await t.db.mentoredPupil.findUniqueOrThrow({ where: { demandId: mentoring.id } })).toMatchObject({
			realName: '王小雨',
			contact: '13800000000'
		});
		expect(await t.db.auditLog.count({ where: { OR: [{ after: { contains: '王小雨' } }, { before: { contains: '王小雨' } }] } })).toBe(0);
	});
});
