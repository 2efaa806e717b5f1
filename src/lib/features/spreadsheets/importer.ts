// One import, start to end, as a stream of events the browser shows as progress: read the
// file, check every row (the feature's schema, then the database), and either preview the
// result or — on confirmation — write it all in one transaction. Nothing is kept between the
// preview and the confirmation: the browser sends the file again with the fingerprint the
// preview gave, and the server reads and checks it again, so any app instance can confirm.
// Between the file and the preview sits the mapping of its columns to fields; the person's
// choices (the sheet, a column's field, a cell fixed in the preview) travel with the file
// both times and are part of the fingerprint, so what is confirmed is exactly what was shown.
import { createHash } from 'node:crypto';
import { m } from '$lib/paraglide/messages';
import type { Db, Prisma } from '$lib/server/db';
import type { Locale } from '$lib/validation/issues';
import { cellText, columnLetter, isBlank, type Cell } from './cells';
import { MAX_DATA_ROWS, MAX_FILE_MB, MAX_LISTED_PROBLEMS, SAMPLE_ROWS } from './limits';
import {
	rememberedOf,
	type ColumnChoice,
	type ColumnMapping,
	type LearnedFix,
	type RememberedFixes,
	type RememberedMapping
} from './mapping';
import { locateHeader, readWorkbook, SpreadsheetFileError, tableOf, type FileProblem, type Table } from './read';
import type { FixOption, ImportProblem } from './rows';
import { headerOf, type ColumnSpec } from './sheet-spec';

export type ImportPhase = 'read' | 'map' | 'check' | 'write';

export interface ImportCounts {
	rows: number;
	create: number;
	update: number;
	unchanged: number;
}

/** A cell the person may fix in the preview: pick one of the options, or type a new value. */
export interface CellFix {
	row: number;
	field: string;
	/** The column's header as the person sees it (as in the problem it fixes). */
	column: string;
	/** What the cell holds now. */
	value: string;
	options: FixOption[];
}

/** The person's choices between the file and the confirmation. */
export interface ImportChoices {
	sheet?: string | null;
	/** Every column's field, once the person has changed one; otherwise the suggested mapping. */
	columns?: ColumnChoice[] | null;
	/** New cell values, by row and field. */
	fixes?: { row: number; field: string; value: string }[];
}

/** The mapping step as the preview shows it. */
export interface MappingView {
	columns: ColumnMapping<string>[];
	/** The fields a column may go to, in template order. */
	fields: { key: string; label: string; required: boolean }[];
	/** Columns with content that nothing reads (headers, or column letters when blank). */
	ignored: string[];
}

export interface ImportPreview {
	fileName: string;
	fingerprint: string;
	format: 'xlsx' | 'csv' | null;
	encoding: string | null;
	sheetName: string | null;
	sheetNames: string[];
	mapping: MappingView | null;
	fixes: CellFix[];
	/** Cells fixed the way this organisation fixed the same value before. */
	recalledFixes: number;
	counts: ImportCounts;
	/** Rows left out because they are the template's sample row. */
	skippedExampleRows: number[];
	problems: ImportProblem[];
	problemCount: number;
	/** The first rows as they will be saved, under the template's headers. */
	sample: { headers: string[]; rows: { row: number; action: 'create' | 'update' | 'unchanged'; cells: string[] }[] };
}

export type ImportOutcome = { saved: true; counts: ImportCounts } | { saved: false; problems: ImportProblem[]; problemCount: number };

export type ImportEvent =
	| { type: 'progress'; phase: ImportPhase; done: number; total: number }
	| { type: 'preview'; preview: ImportPreview }
	| { type: 'outcome'; outcome: ImportOutcome };

/** What a row does once planned; every list's plan entries carry these. */
export interface PlannedRow {
	row: number;
	action: 'create' | 'update' | 'unchanged';
}

/** How one list (volunteers, needs) reads, checks, shows and writes its rows. */
export interface ListImporter<K extends string, Valid, Planned extends PlannedRow> {
	columns: readonly ColumnSpec<K>[];
	/** Columns a file must have (some lists relax one for some callers). */
	requiredColumns: readonly K[];
	/** The template's sample row in each language; a row equal to one is skipped. */
	examples: readonly (readonly Cell[])[];
	readRow(
		row: Table<K>['rows'][number],
		headers: Partial<Record<K, string>>
	): { valid: Valid | null; problems: ImportProblem[]; options: Partial<Record<K, FixOption[]>> };
	plan(rows: Valid[], headers: Partial<Record<K, string>>): Promise<{ planned: Planned[]; problems: ImportProblem[] }>;
	cells(planned: Planned): Cell[];
	write(tx: Prisma.TransactionClient, planned: readonly Planned[], onProgress: (written: number) => void): Promise<void>;
	/** The mapping this organisation chose for a set of headers, and the cells it fixed, remembered for next time. */
	mappings: {
		load(headerSet: string): Promise<RememberedMapping | null>;
		save(tx: Prisma.TransactionClient, headerSet: string, mapping: RememberedMapping): Promise<void>;
		loadFixes(): Promise<RememberedFixes>;
		saveFixes(tx: Prisma.TransactionClient, fixes: readonly LearnedFix[]): Promise<void>;
	};
}

/** The person's choices in one canonical form: the same choices always hash the same. */
function canonicalChoices(choices: ImportChoices): string | null {
	const columns = [...(choices.columns ?? [])].sort((a, b) => a.index - b.index).map((c) => [c.index, c.field]);
	const fixes = [...(choices.fixes ?? [])]
		.sort((a, b) => a.row - b.row || a.field.localeCompare(b.field))
		.map((f) => [f.row, f.field, f.value]);
	if (!choices.sheet && !columns.length && !fixes.length) return null;
	return JSON.stringify({ sheet: choices.sheet ?? null, columns, fixes });
}

/** SHA-256 of the file, and of the choices made on it when there are any. */
export function fingerprintOf(bytes: Uint8Array, choices: ImportChoices = {}): string {
	const hash = createHash('sha256').update(bytes);
	const canonical = canonicalChoices(choices);
	if (canonical) hash.update('\u0000').update(canonical);
	return hash.digest('hex');
}

/** Rows checked between two progress events. */
const CHECK_CHUNK = 500;
/** A big import in SQLite or PostgreSQL takes seconds; Prisma's 5 s default is too short. */
const TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

const progress = (phase: ImportPhase, done: number, total: number): ImportEvent => ({ type: 'progress', phase, done, total });

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

interface Checked<K extends string, Planned> {
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
async function* check<K extends string, Valid, Planned extends PlannedRow>(
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

/** The mapping as the preview shows it, with the columns nothing reads. */
function mappingView<K extends string>(table: Table<K>, columns: readonly ColumnSpec<K>[], locale: Locale): MappingView {
	return {
		columns: table.mapping,
		fields: columns.map((c) => ({ key: c.key, label: headerOf(c, locale), required: c.required })),
		ignored: table.mapping
			.filter((c) => c.field === null && c.by !== 'skip' && c.examples.length > 0)
			.map((c) => c.header || m.spreadsheets_column_letter({ letter: columnLetter(c.index) }, { locale }))
	};
}

function countsOf(checked: Checked<string, PlannedRow>): ImportCounts {
	const count = (action: PlannedRow['action']) => checked.planned.filter((p) => p.action === action).length;
	return { rows: checked.table?.rows.length ?? 0, create: count('create'), update: count('update'), unchanged: count('unchanged') };
}

const listed = (problems: ImportProblem[]) => ({ problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount: problems.length });

export interface ImportFile {
	fileName: string;
	bytes: Uint8Array;
}

/** Checks a file and previews what importing it would do; writes nothing. */
export async function* previewImport<K extends string, Valid, Planned extends PlannedRow>(
	importer: ListImporter<K, Valid, Planned>,
	file: ImportFile,
	locale: Locale,
	choices: ImportChoices = {}
): AsyncGenerator<ImportEvent, void> {
	const checked = yield* check(importer, file.bytes, locale, choices);
	const headers = importer.columns.map((c) => headerOf(c, locale));
	yield {
		type: 'preview',
		preview: {
			fileName: file.fileName,
			fingerprint: fingerprintOf(file.bytes, choices),
			format: checked.format,
			encoding: checked.encoding,
			sheetName: checked.table?.sheetName ?? null,
			sheetNames: checked.table?.sheetNames ?? [],
			mapping: checked.table && mappingView(checked.table, importer.columns, locale),
			fixes: checked.fixes,
			recalledFixes: checked.recalledFixes,
			counts: countsOf(checked),
			skippedExampleRows: checked.skippedExampleRows,
			...listed(checked.problems),
			sample: {
				headers,
				rows: checked.planned.slice(0, SAMPLE_ROWS).map((p) => ({ row: p.row, action: p.action, cells: importer.cells(p).map(cellText) }))
			}
		}
	};
}

/** Runs a check to its end without telling progress (after a failed write). */
async function quietly<T>(events: AsyncGenerator<ImportEvent, T>): Promise<T> {
	for (;;) {
		const next = await events.next();
		if (next.done) return next.value;
	}
}

/** The latest progress of work running elsewhere, as an async iterable that ends with it. */
class ProgressFeed {
	private latest: number | null = null;
	private ended = false;
	private wake: (() => void) | null = null;
	push(done: number) {
		this.latest = done;
		this.wake?.();
	}
	end() {
		this.ended = true;
		this.wake?.();
	}
	async *[Symbol.asyncIterator]() {
		for (;;) {
			if (this.latest !== null) {
				const done = this.latest;
				this.latest = null;
				yield done;
			} else if (this.ended) return;
			else await new Promise<void>((resolve) => (this.wake = resolve));
		}
	}
}

/**
 * Checks the file again and writes every row in one transaction, or nothing: any problem
 * (found now, or raised by the database while writing) leaves the database as it was and
 * comes back as the list of problems.
 */
export async function* commitImport<K extends string, Valid, Planned extends PlannedRow>(
	importer: ListImporter<K, Valid, Planned>,
	file: ImportFile & { fingerprint: string },
	db: Db,
	locale: Locale,
	choices: ImportChoices = {}
): AsyncGenerator<ImportEvent, void> {
	if (fingerprintOf(file.bytes, choices) !== file.fingerprint) {
		yield {
			type: 'outcome',
			outcome: { saved: false, ...listed([{ row: null, column: null, reason: m.spreadsheets_file_changed({}, { locale }) }]) }
		};
		return;
	}
	const checked = yield* check(importer, file.bytes, locale, choices);
	if (checked.problems.length) {
		yield { type: 'outcome', outcome: { saved: false, ...listed(checked.problems) } };
		return;
	}
	const changes = checked.planned.filter((p) => p.action !== 'unchanged');
	// The stream pauses here until the browser is ready for more; only then does writing start.
	yield progress('write', 0, changes.length);
	const feed = new ProgressFeed();
	const writing = db
		.$transaction(async (tx) => {
			await importer.write(tx, changes, (written) => feed.push(written));
			await importer.mappings.save(tx, checked.headerSet!, rememberedOf(checked.table!.mapping));
			await importer.mappings.saveFixes(tx, checked.learned);
		}, TRANSACTION)
		.then(
			() => null,
			(error: unknown) => error
		)
		.finally(() => feed.end());
	for await (const written of feed) yield progress('write', written, changes.length);
	const failure = await writing;
	if (failure) {
		// Most often another person saved the same phone or need meanwhile: checking again names the rows.
		const again = await quietly(check(importer, file.bytes, locale, choices));
		if (!again.problems.length) console.error('spreadsheet import failed', failure);
		const problems = again.problems.length
			? again.problems
			: [{ row: null, column: null, reason: m.spreadsheets_write_failed({}, { locale }) }];
		yield { type: 'outcome', outcome: { saved: false, ...listed(problems) } };
		return;
	}
	yield { type: 'outcome', outcome: { saved: true, counts: countsOf(checked) } };
}
