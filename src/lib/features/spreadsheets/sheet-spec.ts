// The shape of an import sheet: its columns, the headers people may give them (Chinese,
// English, a few common variants), and the fixed vocabularies a column takes, read as their
// Chinese labels, their English labels or the stored codes. Pure; shared by the template,
// the export and the importer, so all three agree on what a column is called and holds.
import { AUDIENCES, DEMAND_KINDS, LANGUAGES, SESSION_MODES, TOPICS, VOLUNTEER_CATEGORIES } from '$lib/domain/vocabulary';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import { matchKey } from './cells';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
const messages = m as unknown as Record<string, Message | undefined>;

export const LOCALES: readonly Locale[] = ['zh', 'en'];

/** A fixed vocabulary: its codes and the message prefix of their labels (topic_, kind_…). */
export interface Vocabulary {
	codes: readonly string[];
	prefix: string;
	/** Other words people use for a code (中文 for 普通话). */
	aliases?: Record<string, readonly string[]>;
}

export function labelOf(vocabulary: Vocabulary, code: string, locale: Locale): string {
	return messages[`${vocabulary.prefix}_${code}`]?.({}, { locale }) ?? code;
}

export const labelsOf = (vocabulary: Vocabulary, locale: Locale) => vocabulary.codes.map((c) => labelOf(vocabulary, c, locale));

const lookups = new WeakMap<Vocabulary, Map<string, string>>();
/** Commas inside a label ("Primary, lower grades") may be lost when a cell is split. */
const vocabularyKey = (s: string) => matchKey(s).replace(/[,，]/g, '');

/** The code a cell names: a label in either language, an alias, or the code itself. */
export function codeOf(vocabulary: Vocabulary, text: string): string | null {
	let lookup = lookups.get(vocabulary);
	if (!lookup) {
		lookup = new Map();
		for (const code of vocabulary.codes) {
			for (const name of [code, ...LOCALES.map((l) => labelOf(vocabulary, code, l)), ...(vocabulary.aliases?.[code] ?? [])]) {
				lookup.set(vocabularyKey(name), code);
			}
		}
		lookups.set(vocabulary, lookup);
	}
	return lookup.get(vocabularyKey(text)) ?? null;
}

export type ColumnType =
	| 'text'
	| 'phone'
	| 'whole'
	| 'date'
	| 'yesno'
	/** One value of a vocabulary. */
	| 'choice'
	/** Several values of a vocabulary in one cell. */
	| 'choices'
	/** The name of an organisation the caller may use (a district, a school). */
	| 'org';

export interface ColumnSpec<K extends string = string> {
	key: K;
	/** Message key of the header; its `_hint` twin explains the column on the notes sheet. */
	message: string;
	type: ColumnType;
	required: boolean;
	vocabulary?: Vocabulary;
	/** Other headers people write for this column. */
	aliases?: readonly string[];
	/** Column width in the template, in characters. */
	width: number;
}

export const headerOf = (column: ColumnSpec, locale: Locale) => messages[column.message]?.({}, { locale }) ?? column.key;
export const hintOf = (column: ColumnSpec, locale: Locale) => messages[`${column.message}_hint`]?.({}, { locale }) ?? '';

/** Headers of columns that carry nothing to import (a running number), recognised and skipped. */
const SKIPPED_HEADERS = new Set(['序号', '编号', 'no', 'no.', '#'].map(matchKey));
export const SKIP = Symbol('skip');

/**
 * Which column a header names. Required-column marks (*, （必填）) and full-width brackets
 * are ignored; SKIP for running numbers; null for a header we do not know.
 */
export function columnForHeader<K extends string>(columns: readonly ColumnSpec<K>[], header: string): ColumnSpec<K> | typeof SKIP | null {
	const key = matchKey(header.replace(/[*＊]/g, '').replace(/[（(]\s*(必填|选填|required|optional)\s*[)）]/gi, ''));
	if (!key) return null;
	if (SKIPPED_HEADERS.has(key)) return SKIP;
	return (
		columns.find((c) => [...LOCALES.map((l) => headerOf(c, l)), ...(c.aliases ?? [])].some((name) => matchKey(name) === key)) ?? null
	);
}

/** The vocabularies import columns take, with the other words people use for some codes. */
export const VOCABULARIES = {
	topic: { codes: TOPICS, prefix: 'topic' },
	category: { codes: VOLUNTEER_CATEGORIES, prefix: 'category', aliases: { retired_teacher: ['退休教师'], retired_cadre: ['退休干部'], retired_soldier: ['退役军人', '老兵'] } },
	kind: { codes: DEMAND_KINDS, prefix: 'kind' },
	mode: { codes: SESSION_MODES, prefix: 'mode', aliases: { offline: ['线下（到学校）', '到校'], any: ['都可以', '均可', '线上线下'] } },
	audience: { codes: AUDIENCES, prefix: 'audience' },
	language: { codes: LANGUAGES, prefix: 'language', aliases: { zh: ['中文', '汉语', '国语', 'Chinese'] } }
} satisfies Record<string, Vocabulary>;
