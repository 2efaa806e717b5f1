// Rosters and need lists in committees' own shapes, imported through the real router with no
// second upload: the mapping step, their words for topics, places and dates, cells fixed in
// the preview, a picked sheet, a remembered mapping — each result checked field by field.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import type { ImportChoices } from './importer';
import { drain, upload } from './testing';
import { committeeWorkbook, DONGHU_NEEDS, DONGHU_ROSTER, ROSTER_HEADERS } from './testing-rosters';

describe('importing committees’ own rosters and need lists', () => {
	let t: TestDb;
	let tree: Tree;

	beforeAll(async () => {
		t = await createTestDb('sqlite');
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());
	beforeEach(async () => {
		await t.db.volunteerProfile.deleteMany({ where: { NOT: { id: tree.volunteerA } } });
		await t.db.importMapping.deleteMany({});
		await t.db.importCellFix.deleteMany({});
		await t.db.auditLog.deleteMany({});
	});

	async function volunteers(bytes: Uint8Array, choices: ImportChoices = {}) {
		const api = (await callerAs(t.db, 'coordA')).spreadsheets.volunteers;
		const file = upload('东湖区五老名册.xlsx', bytes);
		const { preview } = await drain(await api.preview({ orgId: tree.districtA, file, ...choices }));
		return {
			preview,
			commit: async () =>
				(await drain(await api.commit({ orgId: tree.districtA, file, fingerprint: preview.fingerprint, ...choices }))).outcome
		};
	}
	const person = (name: string) => t.db.volunteerProfile.findFirstOrThrow({ where: { name }, include: { topics: true } });
	const topicsOf = (p: { topics: { topic: string }[] }) => p.topics.map((x) => x.topic).sort();

	it('maps the roster, reads its words and imports it as is; the same file again changes nothing', async () => {
		const bytes = await committeeWorkbook([
			{
				name: '五老名册',
				title: '2027年东湖区关工委“五老”志愿者名册',
				filedBy: '填报单位：东湖区关工委　填报人：周敏',
				rows: DONGHU_ROSTER
			}
		]);
		const { preview, commit } = await volunteers(bytes);
		expect(preview.problems).toEqual([]);
		expect(preview.mapping!.ignored).toEqual(['性别']);
		expect(preview.mapping!.columns.map((c) => c.field)).toEqual([
			null,
			'name',
			null,
			'birthYear',
			'category',
			'topics',
			'phone',
			'district',
			'mode',
			'bio'
		]);
		expect(preview.counts).toMatchObject({ rows: 4, create: 4 });
		expect(await commit()).toEqual({ saved: true, counts: { rows: 4, create: 4, update: 0, unchanged: 0 } });

		const li = await person('李秀英');
		expect([li.birthYear, li.category, topicsOf(li), li.phone, li.homeDistrictId, li.offersOnline, li.offersOffline, li.bio]).toEqual([
			1956,
			'retired_teacher',
			['family', 'mental_health'],
			'13812345673',
			tree.districtA,
			true,
			true,
			'退休前在实验小学教语文'
		]);
		const wang = await person('王德明');
		expect([wang.birthYear, wang.category, topicsOf(wang), wang.phone, wang.offersOnline, wang.offersOffline]).toEqual([
			1950,
			'retired_soldier',
			['history'],
			'13900000302',
			true,
			true
		]);
		const zhao = await person('赵国庆');
		expect([zhao.birthYear, topicsOf(zhao), zhao.phone, zhao.offersOnline, zhao.offersOffline]).toEqual([
			1952,
			['legal', 'science'],
			'13700000303',
			false,
			true
		]);
		const sun = await person('孙玉兰');
		expect([sun.birthYear, sun.category, topicsOf(sun), sun.offersOnline, sun.offersOffline]).toEqual([
			1948,
			'retired_expert',
			['mental_health', 'reading'],
			true,
			true
		]);

		const again = await volunteers(bytes);
		expect(again.preview.counts).toEqual({ rows: 4, create: 0, update: 0, unchanged: 4 });
		expect(again.preview.mapping!.columns.filter((c) => c.field).every((c) => c.by === 'remembered')).toBe(true);
	});

	it('after one column is changed, the notice lists exactly the columns left out, and only that column reads as chosen', async () => {
		const bytes = await committeeWorkbook([{ name: '五老名册', rows: DONGHU_ROSTER }]);
		const first = await volunteers(bytes);
		const columns = first.preview.mapping!.columns.map((c) => ({ index: c.index, field: c.header === '备注' ? null : c.field }));
		const changed = await volunteers(bytes, { columns });
		expect(changed.preview.mapping!.ignored).toEqual(['性别', '备注']);
		expect(changed.preview.mapping!.columns.filter((c) => c.by === 'chosen').map((c) => c.header)).toEqual(['备注']);
		expect(changed.preview.mapping!.columns.find((c) => c.header === '序号')!.by).toBe('skip');
	});

	it('offers choices for words it cannot place, and imports with the choices made in the preview', async () => {
		const rows = [
			ROSTER_HEADERS,
			[1, '钱学文', '男', '1955', '老教师', '家庭教育、军事', '13700000401', '南江', '线下', ''],
			[2, '周桂芝', '女', '1957.3', '老教师', '传统教育', '13700000402', '东湖', '线下', '']
		];
		const bytes = await committeeWorkbook([{ name: 'Sheet1', rows }]);
		const first = await volunteers(bytes);
		expect(first.preview.problems.map((p) => [p.row, p.column])).toEqual([
			[2, '擅长领域'],
			[2, '所在区县'],
			[3, '擅长领域']
		]);
		const fix = (row: number, field: string) => first.preview.fixes.find((f) => f.row === row && f.field === field)!;
		expect(fix(2, 'topics').options.at(-1)).toEqual({ value: '家庭教育', label: '去掉“军事”' });
		expect(fix(2, 'district').options.map((o) => o.label)).toContain('东湖区关工委');
		expect(fix(3, 'topics').options[0]).toEqual({ value: '传统文化', label: '传统文化' });
		// The old fingerprint does not confirm the file with new choices.
		const choices = {
			fixes: [
				{ row: 2, field: 'topics', value: '家庭教育' },
				{ row: 2, field: 'district', value: '东湖区关工委' },
				{ row: 3, field: 'topics', value: '传统文化' }
			]
		};
		const fixed = await volunteers(bytes, choices);
		expect(fixed.preview.problems).toEqual([]);
		expect(fixed.preview.fingerprint).not.toBe(first.preview.fingerprint);
		expect(await fixed.commit()).toMatchObject({ saved: true, counts: { create: 2 } });
		expect(topicsOf(await person('钱学文'))).toEqual(['family']);
		expect((await person('周桂芝')).birthYear).toBe(1957);

		// The same file again: the cells are fixed as they were last time, so nothing changes.
		const again = await volunteers(bytes);
		expect(again.preview.problems).toEqual([]);
		expect(again.preview.recalledFixes).toBe(3);
		expect(again.preview.counts).toEqual({ rows: 2, create: 0, update: 0, unchanged: 2 });
		expect(await t.db.auditLog.count({ where: { entity: 'import_cell_fix' } })).toBe(3);
		expect(await t.db.importCellFix.count({ where: { orgId: tree.districtA } })).toBe(3);
	});

	it('imports the sheet the coordinator picks, with the mapping they changed, and remembers it', async () => {
		const old = [ROSTER_HEADERS, [1, '旧名单', '男', '1950', '老教师', '家庭教育', '13700000501', '东湖', '线下', '']];
		const current = [ROSTER_HEADERS, [1, '吴建华', '男', '1951', '老教师', '家庭教育', '13700000502', '东湖', '线下', '能讲家风故事']];
		const bytes = await committeeWorkbook([
			{ name: '2026年', rows: old },
			{ name: '2027年', rows: current }
		]);
		const first = await volunteers(bytes);
		expect([first.preview.sheetName, first.preview.sheetNames]).toEqual(['2026年', ['2026年', '2027年']]);
		const columns = first.preview.mapping!.columns.map((c) => ({ index: c.index, field: c.header === '备注' ? 'offer' : c.field }));
		const picked = await volunteers(bytes, { sheet: '2027年', columns });
		expect(picked.preview.sheetName).toBe('2027年');
		expect(await picked.commit()).toMatchObject({ saved: true, counts: { create: 1 } });
		expect(await person('吴建华')).toMatchObject({ offer: '能讲家风故事', bio: '', birthYear: 1951 });
		// Next term's file with the same headers maps 备注 as chosen.
		const next = await volunteers(await committeeWorkbook([{ name: '2028年', rows: current }]));
		expect(next.preview.mapping!.columns.find((c) => c.header === '备注')).toMatchObject({ field: 'offer', by: 'remembered' });
		expect(await t.db.auditLog.count({ where: { entity: 'import_mapping' } })).toBe(1);
	});

	it('imports a school’s own need list: short school names, topic words, month-only windows', async () => {
		const api = (await callerAs(t.db, 'coordA')).spreadsheets.demands;
		const file = upload(
			'需求.xlsx',
			await committeeWorkbook([{ name: '需求', title: '2027年春季“五老”进校园需求表', rows: DONGHU_NEEDS }])
		);
		const { preview } = await drain(await api.preview({ file }));
		expect(preview.problems).toEqual([]);
		expect(preview.mapping!.ignored).toEqual(['联系人']);
		const { outcome } = await drain(await api.commit({ file, fingerprint: preview.fingerprint }));
		expect(outcome).toMatchObject({ saved: true, counts: { create: 2 } });
		const needs = await t.db.demand.findMany({
			where: { title: { in: ['远离毒品 健康成长', '听老战士讲党史'] } },
			orderBy: { title: 'desc' }
		});
		const iso = (d: Date) => d.toISOString().slice(0, 10);
		expect(
			needs.map((d) => [
				d.orgId,
				d.kind,
				d.topic,
				d.audience.split(',').sort(),
				d.audienceSize,
				d.mode,
				iso(d.windowFrom),
				iso(d.windowTo),
				d.notes
			])
		).toEqual([
			[tree.schoolA1, 'lecture', 'legal', ['junior_high', 'primary_upper'], 240, 'any', '2027-03-01', '2027-04-30', '礼堂'],
			[tree.schoolA2, 'lecture', 'history', ['junior_high'], 180, 'offline', '2027-05-08', '2027-05-30', '']
		]);
	});
});
