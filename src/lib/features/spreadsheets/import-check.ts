// The read, map and check phases of an import: the file is read, its columns mapped to the
// list's fields, the person's fixes (and those remembered) put into their cells, and every row
// checked by the list's schema and then against the database. Nothing is written here.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import { cellText, columnLetter, isBlank } from './cells';
import type { CellFix, ImportChoices, ImportEvent, ImportPhase, ImportPreview, ListImporter, PlannedRow } from './importer';
import { MAX_DATA_ROWS, MAX_FILE_MB, MAX_LISTED_PROBLEMS } from './limits';
import type { LearnedFix, RememberedFixes } from './mapping';
import { locateHeader, readWorkbook, SpreadsheetFileError, tableOf, type FileProblem, type Table } from './read';
import type { FixOption, ImportProblem } from './rows';
import { headerOf } from './sheet-spec';

/** Rows checked between two progress events. */
const CHECK_CHUNK = 500;

export const progress = (phase: ImportPhase, done: number, total: number): ImportEvent => ({ type: 'progress', phase, done, total });

function fileProblemText(problem: FileProblem, locale: Locale): string {
	const opts = { locale };
	switch (problem.code) {
		case 'empty':
			return m.spreadsheets_file_empty({}, opts);
		case 'too_large':
			return m.spreadsheets_file_too_large({ mb: String(MAX_FILE_MB) }, opts);
		case 'old_xls':
			return m.spreadsheets_file_old_xls({}, opts);
		case 'not_spreadsheet':
			return m.spreadsheets_file_not_spreadsheet({}, opts);
		case 'unreadable':
			return m.spreadsheets_file_unreadable({}, opts);
		case 'no_header':
			return m.spreadsheets_file_no_header({}, opts);
		case 'no_rows':
			return m.spreadsheets_file_no_rows({}, opts);
		case 'too_many_rows':
			return m.spreadsheets_file_too_many_rows({ rows: String(problem.rows), limit: String(MAX_DATA_ROWS) }, opts);
	}
}

export interface Checked<K extends string, Planned> {
	format: ImportPreview['format'];
	encoding: string | null;
	table: Table<K> | null;
	headerSet: string | null;
	planned: Planned[];
	problems: ImportProblem[];
	fixes: CellFix[];
	/** The person's fixes, as the values they replace, to remember on confirmation. */
	learned: LearnedFix[];
	recalledFixes: number;
	skippedExampleRows: number[];
}

/** Header problems: two columns for one field, and required fields no column fills. */
function columnProblems<K extends string>(
	table: Table<K>,
	importer: Pick<ListImporter<K, unknown, PlannedRow>, 'columns' | 'requiredColumns'>,
	locale: Locale
): ImportProblem[] {
	const opts = { locale };
	const problems: ImportProblem[] = table.badColumns.map((c) => ({
		row: table.headerRow,
		column: c.header || m.spreadsheets_column_letter({ letter: columnLetter(c.index) }, opts),
		reason: m.spreadsheets_problem_repeated_column({}, opts)
	}));
	const present = new Set(table.columns.map((c) => c.column.key));
	for (const key of importer.requiredColumns) {
		if (present.has(key)) continue;
		const column = importer.columns.find((c) => c.key === key)!;
		problems.push({ row: table.headerRow, column: headerOf(column, locale), reason: m.spreadsheets_problem_missing_column({}, opts) });
	}
	return problems;
}

/** The template's sample row, recognised by every column but organisations and dates. */
function isExample<K extends string>(
	row: Table<K>['rows'][number],
	importer: Pick<ListImporter<K, unknown, PlannedRow>, 'columns' | 'examples'>
): boolean {
	const compared = importer.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.type !== 'org' && c.type !== 'date');
	return importer.examples.some((example) =>
		compared.every(({ c, i }) => cellText(row.cells[c.key] ?? null) === cellText(example[i] ?? null))
	);
}

/** Reads and checks a file with the person's choices, telling progress; the plan says what each row would do. */
export async function* check<K extends string, Valid, Planned extends PlannedRow>(
	importer: ListImporter<K, Valid, Planned>,
	bytes: Uint8Array,
	locale: Locale,
	choices: ImportChoices
): AsyncGenerator<ImportEvent, Checked<K, Planned>> {
	const none = {
		format: null,
		encoding: null,
		table: null,
		headerSet: null,
		planned: [],
		fixes: [],
		learned: [],
		recalledFixes: 0,
		skippedExampleRows: []
	};
	yield progress('read', 0, 1);
	let workbook;
	let table: Table<K>;
	let headerSet: string;
	try {
		workbook = await readWorkbook(bytes);
		const located = locateHeader(workbook, importer.columns, choices.sheet);
		yield progress('map', 0, 1);
		headerSet = located.headerSet;
		const remembered = await importer.mappings.load(headerSet);
		table = tableOf(located, importer.columns, { chosen: choices.columns?.length ? choices.columns : null, remembered });
	} catch (e) {
		if (!(e instanceof SpreadsheetFileError)) throw e;
		return {
			...none,
			format: workbook?.format ?? null,
			problems: [{ row: null, column: null, reason: fileProblemText(e.problem, locale) }]
		};
	}
	yield progress('map', 1, 1);

	const headers: Partial<Record<K, string>> = {};
	for (const ref of table.columns) headers[ref.column.key] = ref.header;
	const { learned, recalledFixes } = applyFixes(table, choices.fixes ?? [], await importer.mappings.loadFixes());
	const problems = columnProblems(table, importer, locale);
	const options = new Map<string, FixOption[]>();
	const skippedExampleRows: number[] = [];
	const valid: Valid[] = [];
	const total = table.rows.length;
	for (let i = 0; i < total; i += CHECK_CHUNK) {
		for (const row of table.rows.slice(i, i + CHECK_CHUNK)) {
			if (isExample(row, importer)) {
				skippedExampleRows.push(row.number);
				continue;
			}
			const read = importer.readRow(row, headers);
			problems.push(...read.problems);
			for (const [field, list] of Object.entries(read.options) as [string, FixOption[]][]) options.set(`${row.number}:${field}`, list);
			if (read.valid) valid.push(read.valid);
		}
		yield progress('check', Math.min(i + CHECK_CHUNK, total), total);
		// Checking is CPU work: give the event loop a turn so the event leaves now, not at the end.
		await new Promise((resolve) => setImmediate(resolve));
	}
	const plan = await importer.plan(valid, headers);
	problems.push(...plan.problems);
	// In the order the person reads the sheet: row by row, left to right.
	const position = new Map(table.columns.map((c) => [c.header, c.index]));
	const at = (p: ImportProblem) => position.get(p.column ?? '') ?? Number.MAX_SAFE_INTEGER;
	problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || at(a) - at(b));
	return {
		format: workbook.format,
		encoding: workbook.encoding,
		table,
		headerSet,
		planned: plan.planned,
		problems,
		fixes: fixesOf(table, problems, options, locale),
		learned,
		recalledFixes,
		skippedExampleRows
	};
}

/**
 * Puts the person's fixes into their cells, and the fixes remembered from earlier imports into
 * the cells still holding a value fixed before. A fixed blank is not remembered: it would fill
 * every blank of the column next time.
 */
function applyFixes<K extends string>(
	table: Table<K>,
	fixes: readonly { row: number; field: string; value: string }[],
	remembered: RememberedFixes
): { learned: LearnedFix[]; recalledFixes: number } {
	const mapped = new Set<string>(table.columns.map((c) => c.column.key));
	const chosen = new Map(fixes.filter((f) => mapped.has(f.field)).map((f) => [`${f.row}:${f.field}`, f.value]));
	const recalling = Object.entries(remembered).filter(([field]) => mapped.has(field)) as [K, Record<string, string>][];
	const learned = new Map<string, LearnedFix>();
	let recalledFixes = 0;
	if (!chosen.size && !recalling.length) return { learned: [], recalledFixes };
	for (const row of table.rows) {
		for (const key of mapped as Set<K>) {
			const value = chosen.get(`${row.number}:${key}`);
			if (value === undefined) continue;
			const cell = row.cells[key] ?? null;
			const was = cellText(cell);
			if (!isBlank(cell) && was !== value) learned.set(`${key}\u0000${was}`, { field: key, value: was, fixed: value });
			row.cells[key] = value;
		}
		for (const [key, byValue] of recalling) {
			if (chosen.has(`${row.number}:${key}`)) continue;
			const cell = row.cells[key] ?? null;
			if (isBlank(cell)) continue;
			const fixed = byValue[cellText(cell)];
			if (fixed === undefined) continue;
			row.cells[key] = fixed;
			recalledFixes++;
		}
	}
	return { learned: [...learned.values()], recalledFixes };
}

/** Every listed problem in one cell of a mapped column can be fixed in place: a choice where there are options, else an edit. */
function fixesOf<K extends string>(
	table: Table<K>,
	problems: readonly ImportProblem[],
	options: ReadonlyMap<string, FixOption[]>,
	locale: Locale
): CellFix[] {
	const fieldOf = new Map(table.columns.map((c) => [c.header || headerOf(c.column, locale), c.column.key]));
	const rowOf = new Map(table.rows.map((r) => [r.number, r]));
	const fixes = new Map<string, CellFix>();
	for (const p of problems.slice(0, MAX_LISTED_PROBLEMS)) {
		const field = p.column === null ? undefined : fieldOf.get(p.column);
		const row = p.row === null ? undefined : rowOf.get(p.row);
		if (!field || !row || row.number === table.headerRow) continue;
		const key = `${row.number}:${field}`;
		if (!fixes.has(key))
			fixes.set(key, {
				row: row.number,
				field,
				column: p.column!,
				value: cellText(row.cells[field] ?? null),
				options: options.get(key) ?? []
			});
	}
	return [...fixes.values()];
}
