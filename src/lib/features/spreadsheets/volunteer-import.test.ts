// Importing the resource list through the real router: a clean file, a file with every kind
// of bad row, CSV in GBK and UTF-8 with a BOM, re-imports that register nobody twice, and a
// write that fails half-way leaving nothing behind.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import type { Cell } from './cells';
import { headerOf } from './sheet-spec';
import { csvFile, drain, upload, xlsxFile } from './testing';
import { VOLUNTEER_COLUMNS } from './volunteer-sheet';

const HEADERS = VOLUNTEER_COLUMNS.map((c) => headerOf(c, 'zh'));

/** A row in template order; only the cells given are filled. */
function person(cells: Partial<Record<(typeof VOLUNTEER_COLUMNS)[number]['key'], Cell>>): Cell[] {
	return VOLUNTEER_COLUMNS.map((c) => cells[c.key] ?? null);
}

const CLEAN: Cell[][] = [
	HEADERS,
	person({
		name: '王建国',
		phone: '13900000101',
		category: '老教师',
		topics: '法治与安全、五史教育',
		mode: '线下',
		district: '东湖区',
		travel: 45,
		capacity: 2,
		languages: '普通话',
		offer: '讲红色故事'
	}),
	person({
		name: '赵秀英',
		phone: '139 0000 0102',
		category: '老干部',
		topics: '家庭教育，阅读辅导',
		mode: '线上、线下',
		district: '东湖区关工委',
		languages: '普通话 粤语',
		bio: '退休干部'
	}),
	person({ name: '孙志刚', category: 'retired_soldier', topics: 'history', mode: 'online', district: '东湖区', capacity: '3' }),
	person({
		name: '钱丽华',
		phone: 13900000104,
		category: 'Retired expert',
		topics: 'Science & technology, Mental health',
		mode: 'In person',
		district: '东湖区'
	})
];

describe.each(providers)('importing volunteers on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const as = (username: string, locale: 'zh' | 'en' = 'zh') => callerAs(t.db, username, locale);

	async function preview(bytes: Uint8Array, fileName = 'volunteers.xlsx', username = 'coordA') {
		return (
			await drain(await (await as(username)).spreadsheets.volunteers.preview({ orgId: tree.districtA, file: upload(fileName, bytes) }))
		).preview;
	}
	async function commit(bytes: Uint8Array, fileName = 'volunteers.xlsx', onEvent?: Parameters<typeof drain>[1]) {
		const { fingerprint } = await preview(bytes, fileName);
		return drain(
			await (await as('coordA')).spreadsheets.volunteers.commit({ orgId: tree.districtA, fingerprint, file: upload(fileName, bytes) }),
			onEvent
		);
	}
	const imported = () =>
		t.db.volunteerProfile.findMany({
			where: { NOT: { id: tree.volunteerA }, homeDistrictId: tree.districtA },
			include: { topics: true, languages: true },
			orderBy: { name: 'asc' }
		});

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());
	beforeEach(async () => {
		// Every test starts from the fixture tree's own volunteers.
		await t.db.volunteerProfile.deleteMany({ where: { NOT: { id: tree.volunteerA } } });
		await t.db.auditLog.deleteMany({});
	});

	it('previews a clean file without writing, then imports it with an audit entry per person', async () => {
		const bytes = await xlsxFile(CLEAN);
		const p = await preview(bytes);
		expect(p.problems).toEqual([]);
		expect(p.counts).toEqual({ rows: 4, create: 4, update: 0, unchanged: 0 });
		expect(p.sample.headers).toEqual(HEADERS);
		expect(p.sample.rows[1]).toEqual({
			row: 3,
			action: 'create',
			cells: [
				'赵秀英',
				'13900000102',
				'老干部',
				'家庭教育、阅读辅导',
				'线上或线下',
				'东湖区关工委',
				'60',
				'2',
				'普通话、粤语',
				'',
				'退休干部',
				''
			]
		});
		expect(await imported()).toEqual([]);

		const { outcome, events } = await commit(bytes);
		expect(outcome).toEqual({ saved: true, counts: { rows: 4, create: 4, update: 0, unchanged: 0 } });
		expect(events.filter((e) => e.type === 'progress' && e.phase === 'write').at(-1)).toEqual({
			type: 'progress',
			phase: 'write',
			done: 4,
			total: 4
		});
		const people = await imported();
		expect(people.map((v) => v.name).sort()).toEqual(['孙志刚', '王建国', '赵秀英', '钱丽华'].sort());
		const zhao = people.find((v) => v.name === '赵秀英')!;
		expect(zhao).toMatchObject({
			phone: '13900000102',
			category: 'retired_cadre',
			offersOnline: true,
			offersOffline: true,
			orgId: tree.districtA,
			nameInitials: 'zxy',
			maxTravelMinutes: 60,
			monthlyCapacity: 2
		});
		expect(zhao.topics.map((x) => x.topic).sort()).toEqual(['family', 'reading']);
		expect(zhao.languages.map((x) => x.language).sort()).toEqual(['yue', 'zh']);
		expect(people.find((v) => v.name === '钱丽华')).toMatchObject({ phone: '13900000104', category: 'retired_expert' });
		expect(people.find((v) => v.name === '孙志刚')).toMatchObject({
			phone: null,
			offersOnline: true,
			offersOffline: false,
			monthlyCapacity: 3
		});
		const audits = await t.db.auditLog.findMany({ where: { entity: 'volunteer', action: 'create' } });
		expect(audits).toHaveLength(4);
		expect(audits.every((a) => a.actorId === tree.users.coordA && a.orgId === tree.districtA && a.after?.includes('volunteers.xlsx'))).toBe(
			true
		);
	});

	it('lists every bad row by row, column and reason, and writes nothing', async () => {
		const outsider = await t.db.volunteerProfile.create({
			data: { orgId: tree.districtB, name: '西山老周', phone: '13900000999', category: 'retired_cadre', homeDistrictId: tree.districtB }
		});
		const ok = { category: '老教师', topics: '法治与安全', district: '东湖区' };
		const bytes = await xlsxFile([
			[...HEADERS, '身份证号'],
			person({ ...ok, phone: '13900000201' }),
			person({ ...ok, name: '钱一', phone: '1390000' }),
			person({ ...ok, name: '孙二', category: '老师傅' }),
			person({ ...ok, name: '李三', topics: '法治、军事' }),
			person({ ...ok, name: '周四', district: null }),
			person({ ...ok, name: '吴五', district: '西山区' }),
			person({ ...ok, name: '郑六', district: '南江区' }),
			person({ ...ok, name: '王七', travel: '很远' }),
			person({ ...ok, name: '冯八', capacity: 30 }),
			person({ ...ok, name: '陈九', phone: '13900000210' }),
			person({ ...ok, name: '褚十', phone: '13900000210' }),
			person({ ...ok, name: '卫十一', phone: '13900000999' }),
			person({ ...ok, name: '蒋十二', mode: '飞行' }),
			person({ ...ok, name: '沈十三', languages: '火星语' }),
			person({ ...ok, name: '韩十四', topics: '法治与安全、五史教育、家庭教育、阅读辅导、思政教育、传统文化、艺术' }),
			person({ ...ok, name: '欧阳'.repeat(11) })
		]);
		const p = await preview(bytes);
		expect(p.problems).toEqual([
			{ row: 2, column: '姓名', reason: '必填，不能为空' },
			{ row: 3, column: '手机号', reason: '手机号应为 11 位数字，以 1 开头' },
			{ row: 4, column: '类别', reason: '没有“老师傅”这一项，可以填：老教师、老干部、老战士、老专家、老模范、杰出校友、工匠、老校长' },
			{ row: 5, column: '能讲的话题', reason: expect.stringMatching(/^没有“军事”这一项，可以填：家庭教育、心理健康/) },
			{ row: 6, column: '所在区县', reason: '必填，不能为空' },
			{ row: 7, column: '所在区县', reason: '找不到“西山区”，或不在您管理的范围内' },
			{ row: 8, column: '所在区县', reason: '找不到“南江区”，或不在您管理的范围内' },
			{ row: 9, column: '最远路程（分钟）', reason: '“很远”不是整数' },
			{ row: 10, column: '每月最多几次', reason: '不能大于 20' },
			{ row: 12, column: '手机号', reason: '和第 11 行的手机号相同' },
			{ row: 13, column: '手机号', reason: '这个手机号已经登记过了' },
			{ row: 14, column: '授课方式', reason: expect.stringMatching(/^没有“飞行”这一项/) },
			{ row: 15, column: '会说的语言', reason: expect.stringMatching(/^没有“火星语”这一项/) },
			{ row: 16, column: '能讲的话题', reason: '最多填 6 项' },
			{ row: 17, column: '姓名', reason: '太长了，最多 20 个字' }
		]);
		expect(p.problemCount).toBe(15);
		// Out of reach and missing look the same: nothing about other districts leaks.
		expect(p.problems[5].reason.replace('西山区', 'X')).toBe(p.problems[6].reason.replace('南江区', 'X'));
		expect(JSON.stringify(p)).not.toContain(outsider.name);

		const { outcome } = await drain(
			await (
				await as('coordA')
			).spreadsheets.volunteers.commit({ orgId: tree.districtA, fingerprint: p.fingerprint, file: upload('bad.xlsx', bytes) })
		);
		expect(outcome).toMatchObject({ saved: false, problemCount: 15 });
		expect(await imported()).toEqual([]);
		expect(await t.db.auditLog.count()).toBe(0);
	});

	it('names missing required columns, and speaks English to English callers', async () => {
		const bytes = csvFile([
			['Name', 'Mobile phone', 'Topics'],
			['王建国', '13900000101', 'History']
		]);
		const { preview: p } = await drain(
			await (await as('coordA', 'en')).spreadsheets.volunteers.preview({ orgId: tree.districtA, file: upload('v.csv', bytes) })
		);
		expect(p.problems).toEqual([
			{ row: 1, column: 'Category', reason: 'This required column is missing' },
			{ row: 1, column: 'Home district', reason: 'This required column is missing' },
			{ row: 2, column: 'Category', reason: 'Required; may not be blank' },
			{ row: 2, column: 'Home district', reason: 'Required; may not be blank' }
		]);
	});

	it('says what is wrong with a file that cannot be imported, each in its own words', async () => {
		const reasons = async (bytes: Uint8Array) => (await preview(bytes)).problems.map((p) => [p.row, p.column, p.reason]);
		expect(await reasons(new Uint8Array())).toEqual([[null, null, '文件是空的，里面没有任何内容。']]);
		expect(await reasons(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toEqual([
			[null, null, '这不是表格文件。请选择 Excel（.xlsx）或 CSV 文件。']
		]);
		expect(await reasons(await xlsxFile([CLEAN[1], CLEAN[2]]))).toEqual([[null, null, expect.stringMatching(/^找不到列名/)]]);
		expect(await reasons(await xlsxFile([HEADERS]))).toEqual([[null, null, '表格只有列名，没有数据行。']]);
		const oversize = upload('big.xlsx', new Uint8Array(11 * 1024 * 1024));
		await expect((await as('coordA')).spreadsheets.volunteers.preview({ orgId: tree.districtA, file: oversize })).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			message: expect.stringContaining('文件太大了：最大 10 MB。请把表格分成几个文件分别导入。')
		});
	});

	it('imports CSV in GBK and in UTF-8 with a BOM the same as Excel', async () => {
		const gbk = csvFile(CLEAN, 'gbk');
		const p = await preview(gbk, '名单.csv');
		expect(p).toMatchObject({ format: 'csv', encoding: 'gb18030', problems: [], counts: { create: 4 } });
		expect((await commit(gbk, '名单.csv')).outcome).toMatchObject({ saved: true });
		expect((await imported()).map((v) => v.name)).toContain('赵秀英');
		// The same people in UTF-8 with a BOM are the same people: nothing new.
		const bom = await preview(csvFile(CLEAN, 'utf-8-bom'), 'names.csv');
		expect(bom).toMatchObject({ encoding: 'utf-8', problems: [], counts: { create: 0, update: 0, unchanged: 4 } });
	});

	it('registers nobody twice on re-import: phone first, else name and home district', async () => {
		const bytes = await xlsxFile(CLEAN);
		await commit(bytes);
		const before = await imported();
		const again = await commit(bytes);
		expect(again.outcome).toEqual({ saved: true, counts: { rows: 4, create: 0, update: 0, unchanged: 4 } });
		expect(await imported()).toEqual(before);

		// One changed cell is one update; a blank phone keeps the stored one; the fixture's own
		// 李老师 (no phone) is found by name and district.
		const changed = await xlsxFile([
			HEADERS,
			person({
				name: '王建国',
				phone: '13900000101',
				category: '老教师',
				topics: '法治与安全、五史教育',
				mode: '线下',
				district: '东湖区',
				travel: 90,
				capacity: 2,
				languages: '普通话',
				offer: '讲红色故事'
			}),
			person({
				name: '赵秀英',
				category: '老干部',
				topics: '家庭教育，阅读辅导',
				mode: '线上、线下',
				district: '东湖区',
				languages: '普通话、粤语',
				bio: '退休干部'
			}),
			person({ name: '李老师', phone: '13900000105', category: '老教师', topics: '法治与安全', district: '东湖区' })
		]);
		const p = await preview(changed);
		expect(p.counts).toEqual({ rows: 3, create: 0, update: 2, unchanged: 1 });
		await commit(changed);
		expect(await t.db.volunteerProfile.findFirstOrThrow({ where: { name: '王建国' } })).toMatchObject({ maxTravelMinutes: 90 });
		expect(await t.db.volunteerProfile.findFirstOrThrow({ where: { name: '赵秀英' } })).toMatchObject({ phone: '13900000102' });
		expect(await t.db.volunteerProfile.findUniqueOrThrow({ where: { id: tree.volunteerA } })).toMatchObject({ phone: '13900000105' });
		expect(await t.db.volunteerProfile.count({ where: { name: { in: ['王建国', '赵秀英', '李老师'] } } })).toBe(3);
		const update = await t.db.auditLog.findFirstOrThrow({ where: { entity: 'volunteer', action: 'update', entityId: tree.volunteerA } });
		expect(JSON.parse(update.before!)).toMatchObject({ phone: null });
		expect(JSON.parse(update.after!)).toMatchObject({ phone: '13900000105' });
	});

	it('refuses a phone that belongs to another person in the area, and namesakes it cannot tell apart', async () => {
		await commit(await xlsxFile(CLEAN));
		await t.db.volunteerProfile.createMany({
			data: [1, 2].map((i) => ({
				orgId: tree.districtA,
				name: '张伟',
				category: 'retired_teacher' as const,
				homeDistrictId: tree.districtA,
				offer: `${i}`
			}))
		});
		const p = await preview(
			await xlsxFile([
				HEADERS,
				person({ name: '王建华', phone: '13900000101', category: '老教师', topics: '法治与安全', district: '东湖区' }),
				person({ name: '张伟', category: '老教师', topics: '法治与安全', district: '东湖区' })
			])
		);
		expect(p.problems).toEqual([
			{ row: 2, column: '手机号', reason: '这个手机号已经登记给了“王建国”' },
			{ row: 3, column: '姓名', reason: '系统里这个区县有 2 位同名的志愿者，请填上手机号以便区分' }
		]);
	});

	it('writes all or nothing: a phone registered by someone else meanwhile stops the whole import', async () => {
		const bytes = await xlsxFile(CLEAN);
		const { outcome } = await commit(bytes, 'volunteers.xlsx', async (event) => {
			// The stream waits at the start of writing: someone else registers row 5's phone now.
			if (event.type === 'progress' && event.phase === 'write' && event.done === 0) {
				await t.db.volunteerProfile.create({
					data: { orgId: tree.districtB, name: '别人', phone: '13900000104', category: 'retired_cadre', homeDistrictId: tree.districtB }
				});
			}
		});
		expect(outcome).toEqual({ saved: false, problems: [{ row: 5, column: '手机号', reason: '这个手机号已经登记过了' }], problemCount: 1 });
		expect(await imported()).toEqual([]);
		expect(await t.db.auditLog.count()).toBe(0);
	});

	it('refuses to confirm a file other than the one previewed', async () => {
		const checked = await preview(await xlsxFile(CLEAN));
		const edited = await xlsxFile([...CLEAN, person({ name: '新来的', category: '老教师', topics: '法治与安全', district: '东湖区' })]);
		const { outcome } = await drain(
			await (
				await as('coordA')
			).spreadsheets.volunteers.commit({ orgId: tree.districtA, fingerprint: checked.fingerprint, file: upload('v.xlsx', edited) })
		);
		expect(outcome).toMatchObject({
			saved: false,
			problems: [{ row: null, column: null, reason: expect.stringContaining('和检查时的不一样') }]
		});
		expect(await imported()).toEqual([]);
	});

	it('skips the template’s sample row and tells so', async () => {
		const template = await (await as('coordA')).spreadsheets.volunteers.template();
		const bytes = new Uint8Array(Buffer.from(template.content, 'base64'));
		const p = await preview(bytes, template.fileName);
		expect(p).toMatchObject({ skippedExampleRows: [2], counts: { rows: 1, create: 0 } });
		expect(p.problems).toEqual([]);
	});

	it('imports 5 000 rows with progress told along the way', { timeout: 120_000 }, async () => {
		const rows = Array.from({ length: 5000 }, (_, i) =>
			person({
				name: `志愿者${i}`,
				phone: `137${String(i).padStart(8, '0')}`,
				category: '老教师',
				topics: '法治与安全、五史教育',
				district: '东湖区'
			})
		);
		const bytes = await xlsxFile([HEADERS, ...rows]);
		const { outcome, events } = await commit(bytes);
		expect(outcome).toMatchObject({ saved: true, counts: { create: 5000 } });
		for (const phase of ['check', 'write'] as const) {
			const told = events.flatMap((e) => (e.type === 'progress' && e.phase === phase ? [e.done] : []));
			expect(told.length, phase).toBeGreaterThan(5);
			expect(told, phase).toEqual([...told].sort((a, b) => a - b));
			expect(told.at(-1), phase).toBe(5000);
		}
		expect(await t.db.volunteerProfile.count({ where: { name: { startsWith: '志愿者' } } })).toBe(5000);
		expect(await t.db.auditLog.count({ where: { entity: 'volunteer' } })).toBe(5000);
	});
});
