// From a spreadsheet row to the values of a form: each cell read by its column's type, then
// the feature's own zod schema (demandFields, profileFields) applied, so an import obeys
// exactly the rules the form does. Every problem names its row, its column and why.
import { z, type core } from 'zod';
import { m } from '$lib/paraglide/messages';
import { localizeIssues, type Locale } from '$lib/validation/issues';
import { cellText, isBlank, normalizePhone, parseDay, parseWholeNumber, parseYear, parseYesNo, splitList, type Cell } from './cells';
import { codeOf, headerOf, labelOf, labelsOf, type ColumnSpec, type Vocabulary } from './sheet-spec';
import { matchVocabulary, type OrgDirectory } from './words';

export interface ImportProblem {
	/** The row number the spreadsheet shows (header = 1); null for the file as a whole. */
	row: number | null;
	/** The column's header as the person sees it; null when no one column is at fault. */
	column: string | null;
	reason: string;
}

export interface RowContext<K extends string> {
	locale: Locale;
	/** Header text per column as the file writes it. */
	headers: Partial<Record<K, string>>;
	orgs?: Partial<Record<K, OrgDirectory>>;
}

export type CellValue = string | number | boolean | string[] | null;

/** A value the person may pick for a cell in the preview: the new cell text and how it reads. */
export interface FixOption {
	value: string;
	label: string;
}

const LIST_PREVIEW = 12;
/** Organisations offered when a name fits none closely: the caller's own, up to this many. */
const ORG_OPTIONS = 30;

const joiner = (locale: Locale) => (locale === 'zh' ? '、' : ', ');

/** "家庭教育、心理健康、…" — the allowed values, shortened when there are many. */
function allowedValues(column: ColumnSpec, locale: Locale) {
	const labels = labelsOf(column.vocabulary!, locale);
	const shown = labels.slice(0, LIST_PREVIEW).join(joiner(locale));
	return labels.length > LIST_PREVIEW ? `${shown}…` : shown;
}

/** The closest codes first, then the rest of the vocabulary. */
const closestFirst = (vocabulary: Vocabulary, closest: readonly string[]) => [
	...closest,
	...vocabulary.codes.filter((c) => !closest.includes(c))
];

type CellResult = { value: CellValue } | { problem: string; options?: FixOption[] };

/** Several values of a vocabulary in one cell; one word it cannot place becomes a choice. */
function readChoices(vocabulary: Vocabulary, cell: Cell, column: ColumnSpec, locale: Locale): CellResult {
	const opts = { locale };
	const pieces = splitList(cell, (phrase) => codeOf(vocabulary, phrase) !== null);
	const matches = pieces.map((p) => ({ piece: p, match: matchVocabulary(vocabulary, p) }));
	const unknown = matches.filter((x) => x.match.found === null);
	if (!unknown.length) return { value: [...new Set(matches.map((x) => x.match.found!))] };
	const words = unknown.map((x) => x.piece).join(joiner(locale));
	const first = unknown[0].match;
	const problem =
		unknown.length === 1 && first.found === null && first.ambiguous
			? m.spreadsheets_problem_choice_ambiguous(
					{ value: words, options: first.closest.map((c) => labelOf(vocabulary, c, locale)).join(joiner(locale)) },
					opts
				)
			: m.spreadsheets_problem_choice({ value: words, allowed: allowedValues(column, locale) }, opts);
	if (unknown.length > 1 || first.found !== null) return { problem };
	// The cell with its one unplaced word replaced: by each code, closest first, or by nothing.
	const labelsWith = (code: string | null) =>
		matches.flatMap((x) =>
			x.match.found !== null ? [labelOf(vocabulary, x.match.found, locale)] : code ? [labelOf(vocabulary, code, locale)] : []
		);
	const known = new Set(matches.map((x) => x.match.found));
	const options: FixOption[] = closestFirst(vocabulary, first.closest)
		.filter((code) => !known.has(code))
		.map((code) => ({ value: [...new Set(labelsWith(code))].join(joiner(locale)), label: labelOf(vocabulary, code, locale) }));
	if (matches.length > 1)
		options.push({ value: labelsWith(null).join(joiner(locale)), label: m.spreadsheets_fix_drop_word({ value: unknown[0].piece }, opts) });
	return { problem, options };
}

/** One cell read by its column: a value, nothing (blank), or why it cannot be read. */
function readCell(column: ColumnSpec, cell: Cell, locale: Locale, org?: OrgDirectory): CellResult {
	const opts = { locale };
	if (isBlank(cell)) return { value: null };
	const text = cellText(cell);
	switch (column.type) {
		case 'text':
			return { value: text };
		case 'phone':
			return { value: normalizePhone(cell) };
		case 'whole': {
			const n = parseWholeNumber(cell);
			return n === null ? { problem: m.spreadsheets_problem_whole({ value: text }, opts) } : { value: n };
		}
		case 'date': {
			const day = parseDay(cell, column.edge ?? 'exact');
			return day === null ? { problem: m.spreadsheets_problem_date({ value: text }, opts) } : { value: day };
		}
		case 'year': {
			const year = parseYear(cell);
			return year === null ? { problem: m.spreadsheets_problem_year({ value: text }, opts) } : { value: year };
		}
		case 'yesno': {
			const yes = parseYesNo(cell);
			return yes === null ? { problem: m.spreadsheets_problem_yesno({ value: text }, opts) } : { value: yes };
		}
		case 'choice': {
			const vocabulary = column.vocabulary!;
			const match = matchVocabulary(vocabulary, text);
			if (match.found !== null) return { value: match.found };
			const options = closestFirst(vocabulary, match.closest).map((code) => ({
				value: labelOf(vocabulary, code, locale),
				label: labelOf(vocabulary, code, locale)
			}));
			const problem = match.ambiguous
				? m.spreadsheets_problem_choice_ambiguous(
						{ value: text, options: match.closest.map((c) => labelOf(vocabulary, c, locale)).join(joiner(locale)) },
						opts
					)
				: m.spreadsheets_problem_choice({ value: text, allowed: allowedValues(column, locale) }, opts);
			return { problem, options };
		}
		case 'choices':
			return readChoices(column.vocabulary!, cell, column, locale);
		case 'org': {
			const match = org?.lookup(text) ?? { found: null, ambiguous: false, closest: [] };
			if (match.found !== null) return { value: match.found };
			const ids = match.closest.length ? match.closest : [...(org?.names.keys() ?? [])].slice(0, ORG_OPTIONS);
			const options = ids.map((id) => ({ value: org!.names.get(id)!, label: org!.names.get(id)! }));
			const problem = match.ambiguous
				? m.spreadsheets_problem_org_ambiguous({ value: text, options: options.map((o) => o.label).join(joiner(locale)) }, opts)
				: m.spreadsheets_problem_org_missing({ value: text }, opts);
			return { problem, options };
		}
	}
}

export interface ReadRow<K extends string> {
	values: Partial<Record<K, CellValue>>;
	/** Columns already at fault, so the schema does not report them a second time. */
	faulty: Set<K>;
	problems: ImportProblem[];
	/** Values offered for cells at fault, by column. */
	options: Partial<Record<K, FixOption[]>>;
}

export function readRow<K extends string>(
	columns: readonly ColumnSpec<K>[],
	row: { number: number; cells: Partial<Record<K, Cell>> },
	ctx: RowContext<K>
): ReadRow<K> {
	const values: Partial<Record<K, CellValue>> = {};
	const faulty = new Set<K>();
	const problems: ImportProblem[] = [];
	const options: ReadRow<K>['options'] = {};
	for (const column of columns) {
		const result = readCell(column, row.cells[column.key] ?? null, ctx.locale, ctx.orgs?.[column.key]);
		const at = { row: row.number, column: columnName(column, ctx) };
		if ('problem' in result) {
			faulty.add(column.key);
			problems.push({ ...at, reason: result.problem });
			if (result.options?.length) options[column.key] = result.options;
		} else if (result.value === null && column.required) {
			faulty.add(column.key);
			problems.push({ ...at, reason: m.spreadsheets_problem_required({}, { locale: ctx.locale }) });
		} else {
			values[column.key] = result.value;
		}
	}
	return { values, faulty, problems, options };
}

export const columnName = <K extends string>(column: ColumnSpec<K>, ctx: Pick<RowContext<K>, 'headers' | 'locale'>) =>
	ctx.headers[column.key] || headerOf(column, ctx.locale);

/**
 * The schema's verdict on a row, each issue under the column its field comes from. Limits are
 * read from the issue itself (zod's `minimum`, `maximum`), never restated here.
 */
export function schemaProblems<K extends string>(
	issues: readonly core.$ZodIssue[],
	row: number,
	columnOfField: (field: string) => ColumnSpec<K> | undefined,
	faulty: ReadonlySet<K>,
	ctx: Pick<RowContext<K>, 'headers' | 'locale'>
): ImportProblem[] {
	const localized = localizeIssues(issues, ctx.locale);
	return issues.flatMap((issue, i) => {
		const column = columnOfField(String(issue.path[0] ?? ''));
		if (column && faulty.has(column.key)) return [];
		return [
			{
				row,
				column: column ? columnName(column, ctx) : null,
				reason: (isZodDefault(issue) && friendlier(issue, ctx.locale)) || localized[i].message
			}
		];
	});
}

const english = z.locales.en().localeError;
/** A schema's own message (a custom rule, an `error` on a check) is kept as it is. */
function isZodDefault(issue: core.$ZodIssue) {
	const r = english(issue as never);
	return issue.code !== 'custom' && issue.message === (typeof r === 'string' ? r : r?.message);
}

/** Plain words for length and range limits; zod's own wording speaks of "string" and "number". */
function friendlier(issue: core.$ZodIssue, locale: Locale): string | null {
	const opts = { locale };
	if (issue.code === 'too_small' && issue.origin === 'string')
		return m.spreadsheets_problem_text_short({ min: String(issue.minimum) }, opts);
	if (issue.code === 'too_big' && issue.origin === 'string') return m.spreadsheets_problem_text_long({ max: String(issue.maximum) }, opts);
	if (issue.code === 'too_small' && issue.origin === 'number')
		return m.spreadsheets_problem_number_small({ min: String(issue.minimum) }, opts);
	if (issue.code === 'too_big' && issue.origin === 'number') return m.spreadsheets_problem_number_big({ max: String(issue.maximum) }, opts);
	if (issue.code === 'too_big' && issue.origin === 'array') return m.spreadsheets_problem_list_long({ max: String(issue.maximum) }, opts);
	return null;
}
