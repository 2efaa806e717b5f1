// One import, start to end, as a stream of events the browser shows as progress: read the
// file, check every row (the feature's schema, then the database), and either preview the
// result or — on confirmation — write it all in one transaction. Nothing is kept between the
// preview and the confirmation: the browser sends the file again with the fingerprint the
// preview gave, and the server reads and checks it again, so any app instance can confirm.
import { createHash } from 'node:crypto';
import { m } from '$lib/paraglide/messages';
import type { Db, Prisma } from '$lib/server/db';
import type { Locale } from '$lib/validation/issues';
import { cellText, type Cell } from './cells';
import { MAX_DATA_ROWS, MAX_FILE_MB, MAX_LISTED_PROBLEMS, SAMPLE_ROWS } from './limits';
import { columnLetter, locateTable, readWorkbook, SpreadsheetFileError, type FileProblem, type Table } from './read';
import type { ImportProblem } from './rows';
import { headerOf, type ColumnSpec } from './sheet-spec';

export type ImportPhase = 'read' | 'check' | 'write';

export interface ImportCounts {
	rows: number;
	create: number;
	update: number;
	unchanged: number;
}

export interface ImportPreview {
	fileName: string;
	fingerprint: string;
	format: 'xlsx' | 'csv' | null;
	encoding: string | null;
	sheetName: string | null;
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
	readRow(row: Table<K>['rows'][number], headers: Partial<Record<K, string>>): { valid: Valid | null; problems: ImportProblem[] };
	plan(rows: Valid[], headers: Partial<Record<K, string>>): Promise<{ planned: Planned[]; problems: ImportProblem[] }>;
	cells(planned: Planned): Cell[];
	write(tx: Prisma.TransactionClient, planned: readonly Planned[], onProgress: (written: number) => void): Promise<void>;
}

export const fingerprintOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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
	planned: Planned[];
	problems: ImportProblem[];
	skippedExampleRows: number[];
}

/** Header problems: unknown columns, columns without a header, repeated and missing ones. */
function columnProblems<K extends string>(table: Table<K>, importer: Pick<ListImporter<K, unknown, PlannedRow>, 'columns' | 'requiredColumns'>, locale: Locale): ImportProblem[] {
	const opts = { locale };
	const problems: ImportProblem[] = table.badColumns.map((c) => ({
		row: table.headerRow,
		column: c.header || m.spreadsheets_column_letter({ letter: columnLetter(c.index) }, opts),
		reason:
			c.problem === 'unknown'
				? m.spreadsheets_problem_unknown_column({}, opts)
				: c.problem === 'repeated'
					? m.spreadsheets_problem_repeated_column({}, opts)
					: m.spreadsheets_problem_no_header({}, opts)
	}));
	const present = new Set(table.columns.map((c) => c.column!.key));
	for (const key of importer.requiredColumns) {
		if (present.has(key)) continue;
		const column = importer.columns.find((c) => c.key === key)!;
		problems.push({ row: table.headerRow, column: headerOf(column, locale), reason: m.spreadsheets_problem_missing_column({}, opts) });
	}
	return problems;
}

/** The template's sample row, recognised by every column but organisations and dates. */
function isExample<K extends string>(row: Table<K>['rows'][number], importer: Pick<ListImporter<K, unknown, PlannedRow>, 'columns' | 'examples'>): boolean {
	const compared = importer.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.type !== 'org' && c.type !== 'date');
	return importer.examples.some((example) => compared.every(({ c, i }) => cellText(row.cells[c.key] ?? null) === cellText(example[i] ?? null)));
}

/** Reads and checks a file, telling progress; the plan says what each row would do. */
async function* check<K extends string, Valid, Planned extends PlannedRow>(
	importer: ListImporter<K, Valid, Planned>,
	bytes: Uint8Array,
	locale: Locale
): AsyncGenerator<ImportEvent, Checked<K, Planned>> {
	const none = { format: null, encoding: null, table: null, planned: [], skippedExampleRows: [] };
	yield progress('read', 0, 1);
	let workbook;
	let table: Table<K>;
	try {
		workbook = await readWorkbook(bytes);
		table = locateTable(workbook, importer.columns);
	} catch (e) {
		if (!(e instanceof SpreadsheetFileError)) throw e;
		return { ...none, format: workbook?.format ?? null, problems: [{ row: null, column: null, reason: fileProblemText(e.problem, locale) }] };
	}
	yield progress('read', 1, 1);

	const headers: Partial<Record<K, string>> = {};
	for (const ref of table.columns) headers[ref.column!.key] = ref.header;
	const problems = columnProblems(table, importer, locale);
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
	return { format: workbook.format, encoding: workbook.encoding, table, planned: plan.planned, problems, skippedExampleRows };
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
	locale: Locale
): AsyncGenerator<ImportEvent, void> {
	const checked = yield* check(importer, file.bytes, locale);
	const headers = importer.columns.map((c) => headerOf(c, locale));
	yield {
		type: 'preview',
		preview: {
			fileName: file.fileName,
			fingerprint: fingerprintOf(file.bytes),
			format: checked.format,
			encoding: checked.encoding,
			sheetName: checked.table?.sheetName ?? null,
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
	locale: Locale
): AsyncGenerator<ImportEvent, void> {
	if (fingerprintOf(file.bytes) !== file.fingerprint) {
		yield { type: 'outcome', outcome: { saved: false, ...listed([{ row: null, column: null, reason: m.spreadsheets_file_changed({}, { locale }) }]) } };
		return;
	}
	const checked = yield* check(importer, file.bytes, locale);
	if (checked.problems.length) {
		yield { type: 'outcome', outcome: { saved: false, ...listed(checked.problems) } };
		return;
	}
	const changes = checked.planned.filter((p) => p.action !== 'unchanged');
	// The stream pauses here until the browser is ready for more; only then does writing start.
	yield progress('write', 0, changes.length);
	const feed = new ProgressFeed();
	const writing = db
		.$transaction((tx) => importer.write(tx, changes, (written) => feed.push(written)), TRANSACTION)
		.then(
			() => null,
			(error: unknown) => error
		)
		.finally(() => feed.end());
	for await (const written of feed) yield progress('write', written, changes.length);
	const failure = await writing;
	if (failure) {
		// Most often another person saved the same phone or need meanwhile: checking again names the rows.
		const again = await quietly(check(importer, file.bytes, locale));
		if (!again.problems.length) console.error('spreadsheet import failed', failure);
		const problems = again.problems.length ? again.problems : [{ row: null, column: null, reason: m.spreadsheets_write_failed({}, { locale }) }];
		yield { type: 'outcome', outcome: { saved: false, ...listed(problems) } };
		return;
	}
	yield { type: 'outcome', outcome: { saved: true, counts: countsOf(checked) } };
}
