// Which column of a person's own sheet is which field: the template's header or one of its
// known variants first, then the words committees use in their headers (擅长领域 is the
// topics, 联系电话 the phone), then what this organisation chose last time for the same
// headers. The person can change any of it; a column nobody maps is left out. Pure.
import { cellText, isBlank, matchKey, type Cell } from './cells';
import { columnForHeader, SKIP, type ColumnSpec } from './sheet-spec';

/** How a column came to its field (or to none), shown next to the drop-down. */
export type MappedBy = 'exact' | 'word' | 'remembered' | 'chosen' | 'none' | 'skip';

export interface ColumnMapping<K extends string> {
	/** 0-based position in the row. */
	index: number;
	/** The header as the file writes it; '' for a column without one. */
	header: string;
	field: K | null;
	by: MappedBy;
	/** The first non-blank values under it, to recognise the column by. */
	examples: string[];
}

/** A person's choice for one column, as the preview sends it back. */
export interface ColumnChoice {
	index: number;
	field: string | null;
}

/** What this organisation chose for each header last time (match key → field, null = left out). */
export type RememberedMapping = Record<string, string | null>;

/** Cells this organisation fixed in earlier previews: field → the value as written → what replaced it. */
export type RememberedFixes = Record<string, Record<string, string>>;

/** A cell fixed in a preview, to remember for next time. */
export interface LearnedFix {
	field: string;
	value: string;
	fixed: string;
}

const EXAMPLES = 3;

/** The field a header names by the committees' words: the longest word it contains wins. */
function fieldByWords<K extends string>(columns: readonly ColumnSpec<K>[], key: string): ColumnSpec<K> | null {
	let best: { column: ColumnSpec<K>; length: number } | null = null;
	for (const column of columns) {
		for (const word of column.words ?? []) {
			const w = matchKey(word);
			if (key.includes(w) && w.length > (best?.length ?? 0)) best = { column, length: w.length };
		}
	}
	return best?.column ?? null;
}

/** The field a header names: exactly, by the committees' words, SKIP (a running number) or none. */
export function suggestField<K extends string>(
	columns: readonly ColumnSpec<K>[],
	header: string
): { column: ColumnSpec<K>; by: 'exact' | 'word' } | typeof SKIP | null {
	const exact = columnForHeader(columns, header);
	if (exact === SKIP) return SKIP;
	if (exact) return { column: exact, by: 'exact' };
	const key = matchKey(header);
	const byWords = key ? fieldByWords(columns, key) : null;
	return byWords ? { column: byWords, by: 'word' } : null;
}

/** How many of a row's cells name a field: the header row is the row naming the most. */
export const headerScore = (columns: readonly ColumnSpec[], cells: readonly Cell[]) =>
	cells.filter((c) => {
		const s = suggestField(columns, cellText(c));
		return s !== null && s !== SKIP;
	}).length;

/** The set of headers a sheet has, in a form that does not depend on their order or spelling width. */
export const headerSetOf = (headers: readonly string[]) => [...new Set(headers.map(matchKey).filter(Boolean))].sort().join('\u0000');

/**
 * Every column of the header row with its field: what was remembered for these headers, then
 * exact headers, then the committees' words, each field going to the first column that names
 * it. Once the person has chosen (every column's field, as the drop-downs show them), their
 * choice decides; a column keeps the reason it was suggested where the choice agrees with the
 * suggestion, so only the columns they changed read as their choice.
 */
export function mapColumns<K extends string>(
	columns: readonly ColumnSpec<K>[],
	header: readonly Cell[],
	dataRows: readonly { cells: readonly Cell[] }[],
	options: { chosen?: readonly ColumnChoice[] | null; remembered?: RememberedMapping | null } = {}
): ColumnMapping<K>[] {
	const width = Math.max(header.length, ...dataRows.map((r) => r.cells.length));
	const keys = new Set<string>(columns.map((c) => c.key));
	const taken = new Set<K>();
	const mapping: ColumnMapping<K>[] = [];
	for (let index = 0; index < width; index++) {
		const text = cellText(header[index] ?? null);
		const examples: string[] = [];
		for (const r of dataRows) {
			const cell = r.cells[index] ?? null;
			if (!isBlank(cell)) examples.push(cellText(cell));
			if (examples.length === EXAMPLES) break;
		}
		if (!text && !examples.length) continue;
		mapping.push({ index, header: text, field: null, by: 'none', examples });
	}
	const assign = (m: ColumnMapping<K>, field: K | null, by: MappedBy) => {
		m.field = field;
		m.by = by;
		if (field) taken.add(field);
	};
	const open = () => mapping.filter((m) => m.by === 'none');
	const remembered = options.remembered ?? {};
	for (const m of open()) {
		const key = matchKey(m.header);
		if (key && key in remembered) {
			const field = remembered[key];
			if (field === null || (keys.has(field) && !taken.has(field as K))) assign(m, field as K | null, 'remembered');
		}
	}
	for (const pass of ['exact', 'word'] as const) {
		for (const m of open()) {
			const s = suggestField(columns, m.header);
			if (s === SKIP) m.by = 'skip';
			else if (s && s.by === pass && !taken.has(s.column.key)) assign(m, s.column.key, pass);
		}
	}
	if (!options.chosen) return mapping;
	const chosen = new Map(options.chosen.map((c) => [c.index, c.field && keys.has(c.field) ? (c.field as K) : null]));
	for (const m of mapping) {
		const field = chosen.get(m.index) ?? null;
		if (field !== m.field) assign(m, field, 'chosen');
	}
	return mapping;
}

/** What to remember of a mapping: each named header's field. */
export function rememberedOf(mapping: readonly ColumnMapping<string>[]): RememberedMapping {
	const out: RememberedMapping = {};
	for (const m of mapping) {
		const key = matchKey(m.header);
		if (key && m.by !== 'skip') out[key] = m.field;
	}
	return out;
}
