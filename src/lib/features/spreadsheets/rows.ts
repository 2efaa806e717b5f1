// From a spreadsheet row to the values of a form: each cell read by its column's type, then
// the feature's own zod schema (demandFields, profileFields) applied, so an import obeys
// exactly the rules the form does. Every problem names its row, its column and why.
import { z, type core } from 'zod';
import { m } from '$lib/paraglide/messages';
import { localizeIssues, type Locale } from '$lib/validation/issues';
import { cellText, isBlank, matchKey, normalizePhone, parseDay, parseWholeNumber, parseYesNo, splitList, type Cell } from './cells';
import { codeOf, headerOf, labelsOf, type ColumnSpec } from './sheet-spec';

export interface ImportProblem {
	/** The row number the spreadsheet shows (header = 1); null for the file as a whole. */
	row: number | null;
	/** The column's header as the person sees it; null when no one column is at fault. */
	column: string | null;
	reason: string;
}

/** An organisation named in a cell, looked up among those the caller may use. */
export type OrgLookup = (name: string) => { id: string } | 'missing' | 'ambiguous';

export interface RowContext<K extends string> {
	locale: Locale;
	/** Header text per column as the file writes it. */
	headers: Partial<Record<K, string>>;
	orgs?: Partial<Record<K, OrgLookup>>;
}

export type CellValue = string | number | boolean | string[] | null;

const LIST_PREVIEW = 12;

/** "家庭教育、心理健康、…" — the allowed values, shortened when there are many. */
function allowedValues(column: ColumnSpec, locale: Locale) {
	const labels = labelsOf(column.vocabulary!, locale);
	const shown = labels.slice(0, LIST_PREVIEW).join(locale === 'zh' ? '、' : ', ');
	return labels.length > LIST_PREVIEW ? `${shown}…` : shown;
}

/** One cell read by its column: a value, nothing (blank), or why it cannot be read. */
function readCell(column: ColumnSpec, cell: Cell, locale: Locale, org?: OrgLookup): { value: CellValue } | { problem: string } {
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
			const day = parseDay(cell);
			return day === null ? { problem: m.spreadsheets_problem_date({ value: text }, opts) } : { value: day };
		}
		case 'yesno': {
			const yes = parseYesNo(cell);
			return yes === null ? { problem: m.spreadsheets_problem_yesno({ value: text }, opts) } : { value: yes };
		}
		case 'choice': {
			const code = codeOf(column.vocabulary!, text);
			return code === null ? { problem: m.spreadsheets_problem_choice({ value: text, allowed: allowedValues(column, locale) }, opts) } : { value: code };
		}
		case 'choices': {
			const vocabulary = column.vocabulary!;
			const pieces = splitList(cell, (phrase) => codeOf(vocabulary, phrase) !== null);
			const unknown = pieces.filter((p) => codeOf(vocabulary, p) === null);
			if (unknown.length) {
				return { problem: m.spreadsheets_problem_choice({ value: unknown.join(locale === 'zh' ? '、' : ', '), allowed: allowedValues(column, locale) }, opts) };
			}
			return { value: [...new Set(pieces.map((p) => codeOf(vocabulary, p)!))] };
		}
		case 'org': {
			const found = org?.(text) ?? 'missing';
			if (found === 'missing') return { problem: m.spreadsheets_problem_org_missing({ value: text }, opts) };
			if (found === 'ambiguous') return { problem: m.spreadsheets_problem_org_ambiguous({ value: text }, opts) };
			return { value: found.id };
		}
	}
}

export interface ReadRow<K extends string> {
	values: Partial<Record<K, CellValue>>;
	/** Columns already at fault, so the schema does not report them a second time. */
	faulty: Set<K>;
	problems: ImportProblem[];
}

export function readRow<K extends string>(columns: readonly ColumnSpec<K>[], row: { number: number; cells: Partial<Record<K, Cell>> }, ctx: RowContext<K>): ReadRow<K> {
	const values: Partial<Record<K, CellValue>> = {};
	const faulty = new Set<K>();
	const problems: ImportProblem[] = [];
	for (const column of columns) {
		const result = readCell(column, row.cells[column.key] ?? null, ctx.locale, ctx.orgs?.[column.key]);
		const at = { row: row.number, column: columnName(column, ctx) };
		if ('problem' in result) {
			faulty.add(column.key);
			problems.push({ ...at, reason: result.problem });
		} else if (result.value === null && column.required) {
			faulty.add(column.key);
			problems.push({ ...at, reason: m.spreadsheets_problem_required({}, { locale: ctx.locale }) });
		} else {
			values[column.key] = result.value;
		}
	}
	return { values, faulty, problems };
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
		return [{ row, column: column ? columnName(column, ctx) : null, reason: (isZodDefault(issue) && friendlier(issue, ctx.locale)) || localized[i].message }];
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
	if (issue.code === 'too_small' && issue.origin === 'string') return m.spreadsheets_problem_text_short({ min: String(issue.minimum) }, opts);
	if (issue.code === 'too_big' && issue.origin === 'string') return m.spreadsheets_problem_text_long({ max: String(issue.maximum) }, opts);
	if (issue.code === 'too_small' && issue.origin === 'number') return m.spreadsheets_problem_number_small({ min: String(issue.minimum) }, opts);
	if (issue.code === 'too_big' && issue.origin === 'number') return m.spreadsheets_problem_number_big({ max: String(issue.maximum) }, opts);
	if (issue.code === 'too_big' && issue.origin === 'array') return m.spreadsheets_problem_list_long({ max: String(issue.maximum) }, opts);
	return null;
}

/** Committee names people shorten: 东湖区 for 东湖区关工委, "Donghu District" for "… Committee". */
const shortName = (s: string) =>
	matchKey(s)
		.replace(/(关工委|关工小组|关心下一代工作委员会)$/, '')
		.replace(/committee$/, '');

/**
 * Finds organisations by name among those given (the caller's own): the exact name, the
 * English name, or the name without 关工委. Names the caller may not use look exactly like
 * names that do not exist.
 */
export function orgLookupOf(orgs: readonly { id: string; name: string; nameEn?: string | null }[]): OrgLookup {
	const exact = new Map<string, string[]>();
	const short = new Map<string, string[]>();
	const add = (map: Map<string, string[]>, key: string, id: string) => {
		if (!key) return;
		const ids = map.get(key) ?? [];
		if (!ids.includes(id)) ids.push(id);
		map.set(key, ids);
	};
	for (const org of orgs) {
		for (const name of [org.name, org.nameEn ?? '']) {
			add(exact, matchKey(name), org.id);
			add(short, shortName(name), org.id);
		}
	}
	return (name) => {
		const ids = exact.get(matchKey(name)) ?? short.get(shortName(name)) ?? [];
		return ids.length === 1 ? { id: ids[0] } : ids.length ? 'ambiguous' : 'missing';
	};
}
