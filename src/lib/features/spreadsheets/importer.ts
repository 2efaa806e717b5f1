// One import, start to end, as a stream of events the browser shows as progress: read the
// file, check every row (the feature's schema, then the database), and either preview the
// result or — on confirmation — write it all in one transaction. Nothing is kept between the
// preview and the confirmation: the browser sends the file again with the fingerprint the
// preview gave, and the server reads and checks it again, so any app instance can confirm.
// Between the file and the preview sits the mapping of its columns to fields; the person's
// choices (the sheet, a column's field, a cell fixed in the preview) travel with the file
// both times and are part of the fingerprint, so what is confirmed is exactly what was shown.
// The read, map and check phases live in import-check.ts; this module holds the contract a
// list implements and the two runs, preview and commit, that the router streams.
import { createHash } from 'node:crypto';
import { m } from '$lib/paraglide/messages';
import type { Db, Prisma } from '$lib/server/db';
import type { Locale } from '$lib/validation/issues';
import { cellText, columnLetter, type Cell } from './cells';
import { check, progress, type Checked } from './import-check';
import { MAX_LISTED_PROBLEMS, SAMPLE_ROWS } from './limits';
import {
	rememberedOf,
	type ColumnChoice,
	type ColumnMapping,
	type LearnedFix,
	type RememberedFixes,
	type RememberedMapping
} from './mapping';
import { ProgressFeed } from './progress-feed';
import type { Table } from './read';
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

/** A big import in SQLite or PostgreSQL takes seconds; Prisma's 5 s default is too short. */
const TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

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
