// Reading an uploaded file into rows of cells: .xlsx through exceljs, CSV through papaparse
// after finding its encoding (a BOM, else strict UTF-8, else GB18030 — what Excel writes on
// Chinese Windows). Then finding the header row and the columns it names. No database here.
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Cell } from './cells';
import { cellText, isBlank } from './cells';
import { MAX_DATA_ROWS, MAX_FILE_BYTES } from './limits';
import { headerScore, headerSetOf, mapColumns, type ColumnChoice, type ColumnMapping, type RememberedMapping } from './mapping';
import type { ColumnSpec } from './sheet-spec';

/** What is wrong with a file as a whole; each has its own message for the person. */
export type FileProblem =
	| { code: 'empty' }
	| { code: 'too_large' }
	| { code: 'old_xls' }
	| { code: 'not_spreadsheet' }
	| { code: 'unreadable' }
	| { code: 'no_header' }
	| { code: 'no_rows' }
	| { code: 'too_many_rows'; rows: number };

export class SpreadsheetFileError extends Error {
	constructor(readonly problem: FileProblem) {
		super(`spreadsheet: ${problem.code}`);
	}
}

export interface SheetRows {
	name: string;
	/** Non-blank rows with the row number the spreadsheet shows (1 = first row). */
	rows: { number: number; cells: Cell[] }[];
}

export interface Workbook {
	format: 'xlsx' | 'csv';
	/** The CSV's text encoding as found; null for .xlsx. */
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | null;
	sheets: SheetRows[];
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Old binary .xls, and also any password-protected Excel file. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const BINARY_SIGNATURES = [
	[0x25, 0x50, 0x44, 0x46],
	[0x89, 0x50, 0x4e, 0x47],
	[0xff, 0xd8, 0xff],
	[0x47, 0x49, 0x46, 0x38],
	[0x50, 0x4b, 0x05, 0x06],
	[0x1f, 0x8b],
	[0x52, 0x61, 0x72, 0x21],
	[0x37, 0x7a, 0xbc, 0xaf]
];

export async function readWorkbook(bytes: Uint8Array): Promise<Workbook> {
	if (bytes.length === 0) throw new SpreadsheetFileError({ code: 'empty' });
	if (bytes.length > MAX_FILE_BYTES) throw new SpreadsheetFileError({ code: 'too_large' });
	if (startsWith(bytes, OLE2)) throw new SpreadsheetFileError({ code: 'old_xls' });
	if (startsWith(bytes, ZIP)) return { format: 'xlsx', encoding: null, sheets: await readXlsx(bytes) };
	if (BINARY_SIGNATURES.some((s) => startsWith(bytes, s))) throw new SpreadsheetFileError({ code: 'not_spreadsheet' });
	const { text, encoding } = decodeText(bytes);
	return { format: 'csv', encoding, sheets: [readCsv(text)] };
}

/** The text of a CSV file and the encoding it was written in. */
function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<Workbook['encoding']> } {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return checkedText(new TextDecoder('utf-8').decode(bytes), 'utf-8');
	// Excel's "Unicode text" is UTF-16 with a BOM, tab-separated.
	if (startsWith(bytes, [0xff, 0xfe])) return checkedText(new TextDecoder('utf-16le').decode(bytes), 'utf-16le');
	if (startsWith(bytes, [0xfe, 0xff])) return checkedText(new TextDecoder('utf-16be').decode(bytes), 'utf-16be');
	if (bytes.includes(0)) throw new SpreadsheetFileError({ code: 'not_spreadsheet' });
	try {
		return checkedText(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf-8');
	} catch (e) {
		if (e instanceof SpreadsheetFileError) throw e;
		// Not valid UTF-8: GB18030 is the superset of GBK that Chinese Windows writes.
		return checkedText(new TextDecoder('gb18030').decode(bytes), 'gb18030');
	}
}

/** Text with control characters or undecodable bytes is some other kind of file. */
function checkedText(text: string, encoding: NonNullable<Workbook['encoding']>) {
	let suspicious = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0xfffd) suspicious++;
	}
	if (suspicious > Math.max(2, text.length / 1000)) throw new SpreadsheetFileError({ code: 'not_spreadsheet' });
	return { text, encoding };
}

function readCsv(text: string): SheetRows {
	// Excel opens a CSV with one spreadsheet row per record, quoted line breaks included,
	// so the record's position is the row number the person sees.
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
	const rows = parsed.data
		.map((cells, i) => ({ number: i + 1, cells: cells.map((c): Cell => (c.trim() === '' ? null : c)) }))
		.filter((r) => !r.cells.every(isBlank));
	return { name: 'CSV', rows };
}

/** exceljs cell values unwrapped to what the cell shows. */
function plainCell(value: ExcelJS.CellValue): Cell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('hyperlink' in value) return plainCell(value.text as ExcelJS.CellValue);
	if ('formula' in value || 'sharedFormula' in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
	if ('error' in value) return String(value.error);
	return null;
}

/** The merged areas of a sheet, 1-based and inclusive. */
function mergedAreas(sheet: ExcelJS.Worksheet) {
	const merges = ((sheet.model as { merges?: string[] }).merges ?? []).map((range) => {
		const [from, to = from] = range.split(':');
		const at = (ref: string) => {
			const [, letters, digits] = /^([A-Z]+)(\d+)$/.exec(ref)!;
			return { col: [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(digits) };
		};
		const a = at(from);
		const b = at(to);
		return { top: a.row, left: a.col, bottom: b.row, right: b.col };
	});
	return merges;
}

async function readXlsx(bytes: Uint8Array): Promise<SheetRows[]> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	} catch {
		throw new SpreadsheetFileError({ code: 'unreadable' });
	}
	return workbook.worksheets
		.filter((sheet) => sheet.state === 'visible' || sheet.state === undefined)
		.map((sheet) => {
			const rows: SheetRows['rows'] = [];
			const merges = mergedAreas(sheet);
			sheet.eachRow({ includeEmpty: false }, (row, number) => {
				const values = row.values as ExcelJS.CellValue[];
				const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => plainCell(values[i + 1]));
				// exceljs repeats a merged cell's value in every cell it covers; the sheet shows it once.
				for (const m of merges) {
					if (number < m.top || number > m.bottom) continue;
					for (let c = m.left; c <= Math.min(m.right, cells.length); c++) if (number !== m.top || c !== m.left) cells[c - 1] = null;
				}
				if (!cells.every(isBlank)) rows.push({ number, cells });
			});
			return { name: sheet.name, rows };
		});
}

/** A column the import reads: where it is, its header as written, the field it fills. */
export interface ColumnRef<K extends string> {
	/** 0-based position in the row. */
	index: number;
	/** The header as the file writes it (what the person sees). */
	header: string;
	column: ColumnSpec<K>;
}

export interface Table<K extends string> {
	sheetName: string;
	/** Every visible sheet that has rows, for the person to pick another. */
	sheetNames: string[];
	headerRow: number;
	/** Every column of the header row and the field it goes to (or none). */
	mapping: ColumnMapping<K>[];
	columns: ColumnRef<K>[];
	rows: { number: number; cells: Partial<Record<K, Cell>> }[];
	/** Columns mapped to a field another column already fills. */
	badColumns: { header: string; index: number; problem: 'repeated' }[];
}

/** A sheet's header row, found, with the rows under it. */
export interface LocatedHeader {
	sheet: SheetRows;
	sheetNames: string[];
	header: SheetRows['rows'][number];
	dataRows: SheetRows['rows'];
	/** The set of its headers (see headerSetOf), under which a mapping is remembered. */
	headerSet: string;
}

export interface TableOptions {
	/** The sheet the person picked; otherwise the first one with a header row. */
	sheet?: string | null;
	chosen?: readonly ColumnChoice[] | null;
	remembered?: RememberedMapping | null;
}

/** Header rows are looked for this far down (title rows sometimes sit above them). */
const HEADER_SEARCH_ROWS = 10;

/**
 * The header row of a workbook: in the sheet asked for, or the first visible sheet where a
 * row among its first ones names at least two of the columns (by header or committee word).
 */
export function locateHeader(workbook: Workbook, columns: readonly ColumnSpec[], sheetName?: string | null): LocatedHeader {
	const sheetNames = workbook.sheets.filter((s) => s.rows.length > 0).map((s) => s.name);
	const sheets = sheetName ? workbook.sheets.filter((s) => s.name === sheetName) : workbook.sheets;
	for (const sheet of sheets) {
		const candidates = sheet.rows.slice(0, HEADER_SEARCH_ROWS).map((row) => ({ row, known: headerScore(columns, row.cells) }));
		const best = candidates.reduce<(typeof candidates)[number] | null>((a, b) => (b.known > (a?.known ?? 0) ? b : a), null);
		if (!best || best.known < Math.min(2, columns.length)) continue;
		const dataRows = sheet.rows.filter((r) => r.number > best.row.number);
		if (dataRows.length === 0) throw new SpreadsheetFileError({ code: 'no_rows' });
		if (dataRows.length > MAX_DATA_ROWS) throw new SpreadsheetFileError({ code: 'too_many_rows', rows: dataRows.length });
		return { sheet, sheetNames, header: best.row, dataRows, headerSet: headerSetOf(best.row.cells.map(cellText)) };
	}
	throw new SpreadsheetFileError({ code: sheetsHaveRows(workbook) ? 'no_header' : 'empty' });
}

const sheetsHaveRows = (workbook: Workbook) => workbook.sheets.some((s) => s.rows.length > 0);

/** The rows under a header, keyed by the fields their columns are mapped to. */
export function tableOf<K extends string>(located: LocatedHeader, columns: readonly ColumnSpec<K>[], options: TableOptions = {}): Table<K> {
	const { sheet, header, dataRows } = located;
	const mapping = mapColumns(columns, header.cells, dataRows, options);
	const refs: ColumnRef<K>[] = [];
	const badColumns: Table<K>['badColumns'] = [];
	for (const m of mapping) {
		if (!m.field) continue;
		if (refs.some((r) => r.column.key === m.field)) {
			badColumns.push({ header: m.header, index: m.index, problem: 'repeated' });
			continue;
		}
		refs.push({ index: m.index, header: m.header, column: columns.find((c) => c.key === m.field)! });
	}
	const rows = dataRows.map((r) => {
		const cells: Partial<Record<K, Cell>> = {};
		for (const ref of refs) cells[ref.column.key] = r.cells[ref.index] ?? null;
		return { number: r.number, cells };
	});
	return { sheetName: sheet.name, sheetNames: located.sheetNames, headerRow: header.number, mapping, columns: refs, rows, badColumns };
}

/** The table of a workbook: its header row found, its columns mapped, its rows read. */
export function locateTable<K extends string>(workbook: Workbook, columns: readonly ColumnSpec<K>[], options: TableOptions = {}): Table<K> {
	return tableOf(locateHeader(workbook, columns, options.sheet), columns, options);
}
