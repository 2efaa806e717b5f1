// Exports hold exactly what the list shows with its filters (every page of it), within the
// caller's reach, with phones only for editors and never a pupil's identity — in the
// template's columns, so an exported file imports back as "unchanged". Templates too.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { cellText } from './cells';
import { DEMAND_COLUMNS } from './demand-sheet';
import { locateTable, readWorkbook } from './read';
import { headerOf } from './sheet-spec';
import { drain, upload } from './testing';
import { VOLUNTEER_COLUMNS } from './volunteer-sheet';

const bytesOf = (file: { content: string }) => new Uint8Array(Buffer.from(file.content, 'base64'));

/** Every cell of every sheet, as text: what anyone opening the file could read. */
async function everything(file: { content: string }) {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
	const texts: string[] = [];
	workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text)))));
	return texts.join('\n');
}

async function rowsOf(file: { content: string }, columns: typeof VOLUNTEER_COLUMNS | typeof DEMAND_COLUMNS) {
	const table = locateTable(await readWorkbook(bytesOf(file)), columns as typeof VOLUNTEER_COLUMNS);
	return table.rows.map((r) => Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, cellText(v ?? null)])));
}

describe.each(providers)('exports and templates on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const as = (username: string, locale: 'zh' | 'en' = 'zh') => callerAs(t.db, username, locale);

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		await t.db.volunteerProfile.createMany({
			data: Array.from({ length: 30 }, (_, i) => ({
				id: `v-a${i}`,
				orgId: tree.districtA,
				name: `东湖志愿者${String(i).padStart(2, '0')}`,
				phone: `1360000${String(i).padStart(4, '0')}`,
				category: 'retired_teacher' as const,
				homeDistrictId: tree.districtA
			}))
		});
		await t.db.volunteerTopic.createMany({
			data: Array.from({ length: 30 }, (_, i) => ({ volunteerId: `v-a${i}`, topic: i % 3 === 0 ? 'history' : 'legal' }))
		});
		await t.db.volunteerLanguage.createMany({ data: Array.from({ length: 30 }, (_, i) => ({ volunteerId: `v-a${i}`, language: 'zh' })) });
		await t.db.volunteerProfile.create({
			data: {
				orgId: tree.districtB,
				name: '西山老周',
				phone: '13900000999',
				category: 'retired_cadre',
				homeDistrictId: tree.districtB,
				topics: { create: [{ topic: 'history' }] },
				languages: { create: [{ language: 'zh' }] }
			}
		});
		const base = {
			kind: 'lecture' as const,
			topic: 'legal',
			audience: 'primary_upper',
			audienceSize: 100,
			windowFrom: new Date('2027-03-01'),
			windowTo: new Date('2027-03-31'),
			status: 'open' as const
		};
		await t.db.demand.create({ data: { ...base, orgId: tree.schoolA1, title: '法治教育进校园' } });
		await t.db.demand.create({ data: { ...base, orgId: tree.schoolA1, title: '科普实验课', topic: 'science', status: 'draft' } });
		await t.db.demand.create({ data: { ...base, orgId: tree.schoolB1, title: '西山心理健康讲座', topic: 'mental_health' } });
		await t.db.demand.create({
			data: {
				...base,
				orgId: tree.schoolA1,
				kind: 'mentoring',
				title: '结对帮扶：四年级学生',
				topic: 'family',
				audienceSize: 1,
				pupil: { create: { pseudonym: '小雨', grade: '四年级', realName: '王小雨', contact: '监护人 13800000000' } }
			}
		});
	});
	afterAll(() => t.cleanup());

	it('exports every page of the filtered volunteer list, in the template’s columns', async () => {
		const all = await (await as('cityCoord')).spreadsheets.volunteers.export({});
		expect(all.fileName).toMatch(/^志愿者资源清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const table = locateTable(await readWorkbook(bytesOf(all)), VOLUNTEER_COLUMNS);
		expect(table.columns.map((c) => c.header)).toEqual(VOLUNTEER_COLUMNS.map((c) => headerOf(c, 'zh')));
		expect(table.rows).toHaveLength(32);
		const history = await rowsOf(
			await (await as('cityCoord')).spreadsheets.volunteers.export({ topic: 'history', page: 3 }),
			VOLUNTEER_COLUMNS
		);
		expect(history.map((r) => r.name).sort()).toEqual(
			[...Array.from({ length: 10 }, (_, i) => `东湖志愿者${String(i * 3).padStart(2, '0')}`), '西山老周'].sort()
		);
		expect(history.find((r) => r.name === '西山老周')).toMatchObject({
			phone: '13900000999',
			category: '老干部',
			topics: '五史教育',
			district: '西山区关工委',
			languages: '普通话',
			mode: '线下'
		});
	});

	it('keeps to the caller’s area and shows phones only to editors', async () => {
		const coordB = await everything(await (await as('coordB')).spreadsheets.volunteers.export({}));
		expect(coordB).toContain('西山老周');
		expect(coordB).not.toContain('东湖志愿者');
		const leader = await rowsOf(await (await as('leader')).spreadsheets.volunteers.export({}), VOLUNTEER_COLUMNS);
		expect(leader).toHaveLength(32);
		expect(leader.every((r) => r.phone === '')).toBe(true);
	});

	it('exports the filtered needs of the caller’s area without any pupil’s identity', async () => {
		const city = await (await as('cityCoord')).spreadsheets.demands.export({ status: 'open' });
		const rows = await rowsOf(city, DEMAND_COLUMNS);
		expect(rows.map((r) => r.title).sort()).toEqual(['法治教育进校园', '结对帮扶：四年级学生', '西山心理健康讲座'].sort());
		expect(rows.find((r) => r.title === '法治教育进校园')).toMatchObject({
			school: '东湖实验小学',
			kind: '宣讲',
			windowFrom: '2027-03-01',
			windowTo: '2027-03-31',
			rural: '否'
		});
		for (const username of ['cityCoord', 'schoolA1', 'coordA']) {
			const text = await everything(await (await as(username)).spreadsheets.demands.export({}));
			expect(text, username).toContain('结对帮扶：四年级学生');
			expect(text, username).not.toMatch(/王小雨|13800000000|小雨/);
		}
		const school = await rowsOf(await (await as('schoolB1')).spreadsheets.demands.export({}), DEMAND_COLUMNS);
		expect(school.map((r) => r.title)).toEqual(['西山心理健康讲座']);
	});

	it('imports an exported file back as unchanged', async () => {
		const volunteers = await (await as('coordA')).spreadsheets.volunteers.export({});
		const p = (
			await drain(
				await (
					await as('coordA')
				).spreadsheets.volunteers.preview({ orgId: tree.districtA, file: upload(volunteers.fileName, bytesOf(volunteers)) })
			)
		).preview;
		expect(p).toMatchObject({ problems: [], counts: { rows: 31, create: 0, update: 0, unchanged: 31 } });
		const needs = await (await as('coordA')).spreadsheets.demands.export({});
		const q = (await drain(await (await as('coordA')).spreadsheets.demands.preview({ file: upload(needs.fileName, bytesOf(needs)) })))
			.preview;
		expect(q).toMatchObject({ problems: [], counts: { rows: 3, create: 0, update: 0, unchanged: 3 } });
	});

	it('offers templates with headers in the caller’s language, a sample row, drop-downs and notes', async () => {
		const zh = await (await as('coordA')).spreadsheets.volunteers.template();
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(zh.content, 'base64') as unknown as ArrayBuffer);
		const [data, notes, lists] = workbook.worksheets;
		expect(data.name).toBe('志愿者');
		expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(VOLUNTEER_COLUMNS.map((c) => headerOf(c, 'zh')));
		expect(data.getCell('A2').value).toBe('张三');
		expect(data.getCell('C2').dataValidation).toMatchObject({ type: 'list', formulae: [expect.stringMatching(/^'选项'!\$A\$2:\$A\$9$/)] });
		expect(data.getCell('F500').dataValidation).toMatchObject({ type: 'list' });
		expect(lists.state).toBe('hidden');
		expect(notes.name).toBe('填写说明');
		expect(notes.getCell('A2').value).toBe('姓名');
		expect(String(notes.getCell('C3').value)).toContain('11 位手机号');
		expect(zh.fileName).toBe('志愿者导入模板.xlsx');

		const en = await (await as('schoolA1', 'en')).spreadsheets.demands.template();
		const english = locateTable(await readWorkbook(bytesOf(en)), DEMAND_COLUMNS);
		expect(english.columns.map((c) => c.header)).toEqual(DEMAND_COLUMNS.map((c) => headerOf(c, 'en')));
		expect(english.rows[0].cells.school).toBe('东湖实验小学');
		expect(english.rows[0].cells.windowFrom).toBeInstanceOf(Date);
	});
});
