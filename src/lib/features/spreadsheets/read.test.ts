// Files as they arrive: Excel with real dates, CSV in UTF-8 (with or without a BOM), GBK and
// UTF-16, and everything that is not a usable spreadsheet, each with its own reason.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseDay } from './cells';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from './limits';
import { locateTable, readWorkbook, SpreadsheetFileError, type FileProblem } from './read';
import { csvFile, xlsxFile } from './testing';
import { VOLUNTEER_COLUMNS } from './volunteer-sheet';
import { DEMAND_COLUMNS } from './demand-sheet';

const HEADERS = ['姓名', '手机号', '类别', '能讲的话题', '所在区县'];
const ROW = ['王建国', '13912345678', '老教师', '法治与安全、五史教育', '东湖区'];

async function tableOf(bytes: Uint8Array) {
	return locateTable(await readWorkbook(bytes), VOLUNTEER_COLUMNS);
}

async function problemOf(bytes: Uint8Array): Promise<FileProblem['code']> {
	try {
		await tableOf(bytes);
	} catch (e) {
		if (e instanceof SpreadsheetFileError) return e.problem.code;
		throw e;
	}
	throw new Error('expected the file to be refused');
}

describe('reading uploaded files', () => {
	it('reads CSV in UTF-8, UTF-8 with a BOM and GBK, telling which it was', async () => {
		for (const encoding of ['utf-8', 'utf-8-bom', 'gbk'] as const) {
			const workbook = await readWorkbook(csvFile([HEADERS, ROW], encoding));
			expect(workbook.encoding, encoding).toBe(encoding === 'gbk' ? 'gb18030' : 'utf-8');
			const table = locateTable(workbook, VOLUNTEER_COLUMNS);
			expect(table.rows).toEqual([
				{
					number: 2,
					cells: { name: '王建国', phone: '13912345678', category: '老教师', topics: '法治与安全、五史教育', district: '东湖区' }
				}
			]);
			// The BOM never sticks to the first header.
			expect(table.columns[0].header).toBe('姓名');
		}
	});

	it('reads Excel "Unicode text" (UTF-16, tab-separated)', async () => {
		const text = [HEADERS, ROW].map((r) => r.join('\t')).join('\r\n');
		const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
		const table = await tableOf(bytes);
		expect(table.rows[0].cells.name).toBe('王建国');
	});

	it('reads real Excel date cells, formulas, rich text and numbers', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('需求');
		sheet.addRow(['学校', '标题', '最早日期', '最晚日期', '人数']);
		sheet.addRow([
			'东湖实验小学',
			{ richText: [{ text: '法治' }, { text: '讲座' }] },
			new Date(Date.UTC(2027, 2, 1)),
			{ formula: 'C2+30', result: new Date(Date.UTC(2027, 2, 31)) },
			120
		]);
		sheet.getCell('C2').numFmt = 'yyyy"年"m"月"d"日"';
		const table = locateTable(await readWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer())), DEMAND_COLUMNS);
		const cells = table.rows[0].cells;
		expect(cells.title).toBe('法治讲座');
		expect(cells.windowFrom).toBeInstanceOf(Date);
		expect(parseDay(cells.windowFrom!)).toBe('2027-03-01');
		expect(parseDay(cells.windowTo!)).toBe('2027-03-31');
		expect(cells.audienceSize).toBe(120);
	});

	it('finds the header row below a title row and keeps the sheet’s row numbers', async () => {
		const bytes = await xlsxFile([['东湖区五老志愿者名单（2027 年）'], [], HEADERS, ROW, [], ROW]);
		const table = await tableOf(bytes);
		expect(table.headerRow).toBe(3);
		expect(table.rows.map((r) => r.number)).toEqual([4, 6]);
	});

	it('leaves unknown and unnamed columns out, names a repeated one and skips a running-number column', async () => {
		const bytes = await xlsxFile([
			['序号', ...HEADERS, '身份证号', '', '手机'],
			[1, ...ROW, '110101195001011234', '多出来的', '13900000000']
		]);
		const table = await tableOf(bytes);
		expect(table.badColumns).toEqual([]);
		expect(table.mapping.filter((m) => !m.field).map((m) => [m.header, m.by])).toEqual([
			['序号', 'skip'],
			['身份证号', 'none'],
			['', 'none'],
			['手机', 'none']
		]);
		expect(Object.keys(table.rows[0].cells)).toEqual(['name', 'phone', 'category', 'topics', 'district']);
	});

	it('gives every unusable file its own reason', async () => {
		expect(await problemOf(new Uint8Array())).toBe('empty');
		expect(await problemOf(new Uint8Array(MAX_FILE_BYTES + 1))).toBe('too_large');
		expect(await problemOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe('old_xls');
		expect(await problemOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('not_spreadsheet');
		expect(await problemOf(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'))).toBe('not_spreadsheet');
		expect(await problemOf(new Uint8Array(Array.from({ length: 400 }, (_, i) => (i * 37) % 256)))).toBe('not_spreadsheet');
		expect(await problemOf(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]))).toBe('unreadable');
		expect(await problemOf(await xlsxFile([ROW, ROW]))).toBe('no_header');
		expect(
			await problemOf(
				csvFile([
					['王建国', '老教师'],
					['李秀兰', '老干部']
				])
			)
		).toBe('no_header');
		expect(await problemOf(await xlsxFile([HEADERS]))).toBe('no_rows');
		expect(await problemOf(await xlsxFile([]))).toBe('empty');
		expect(await problemOf(csvFile([HEADERS, ...Array.from({ length: MAX_DATA_ROWS + 1 }, () => ROW)]))).toBe('too_many_rows');
	});
});
