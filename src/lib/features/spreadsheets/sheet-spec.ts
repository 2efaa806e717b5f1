// The shape of an import sheet: its columns, the headers people may give them (Chinese,
// English, a few common variants), and the fixed vocabularies a column takes, read as their
// Chinese labels, their English labels or the stored codes. Pure; shared by the template,
// the export and the importer, so all three agree on what a column is called and holds.
import { AUDIENCES, DEMAND_KINDS, LANGUAGES, SESSION_MODES, TOPIC_SYNONYMS, TOPICS, VOLUNTEER_CATEGORIES } from '$lib/domain/vocabulary';
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
	/** A year, read from any date (a birth date 1956.07 is the year 1956). */
	| 'year'
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
	/** Words committees use in their own headers for this column (联系电话 holds 电话). */
	words?: readonly string[];
	/** A date column given only a month or a year takes its first day, or its last. */
	edge?: 'start' | 'end';
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
	return columns.find((c) => [...LOCALES.map((l) => headerOf(c, l)), ...(c.aliases ?? [])].some((name) => matchKey(name) === key)) ?? null;
}

/** The vocabularies import columns take, with the other words people use for some codes. */
export const VOCABULARIES = {
	topic: { codes: TOPICS, prefix: 'topic', aliases: TOPIC_SYNONYMS },
	category: {
		codes: VOLUNTEER_CATEGORIES,
		prefix: 'category',
		aliases: {
			retired_teacher: ['退休教师'],
			retired_cadre: ['退休干部'],
			retired_soldier: ['退役军人', '老兵', '老军人'],
			retired_expert: ['退休专家'],
			model_worker: ['劳动模范', '劳模'],
			retired_principal: ['退休校长']
		}
	},
	kind: {
		codes: DEMAND_KINDS,
		prefix: 'kind',
		aliases: { lecture: ['讲座', '报告会', '宣讲会'], tutoring: ['辅导', '课业辅导'], mentoring: ['结对', '帮扶'] }
	},
	mode: {
		codes: SESSION_MODES,
		prefix: 'mode',
		aliases: {
			online: ['网上', '视频', '远程'],
			offline: ['线下（到学校）', '到校', '现场', '面对面'],
			any: ['都可以', '均可', '都行', '线上线下', '线上线下均可', '不限']
		}
	},
	audience: {
		codes: AUDIENCES,
		prefix: 'audience',
		aliases: {
			primary_lower: ['低年级', '小学低段', '一至三年级', '1-3年级'],
			primary_upper: ['高年级', '小学高段', '四至六年级', '4-6年级'],
			junior_high: ['初中生', '初一', '初二', '初三', '七年级', '八年级', '九年级'],
			senior_high: ['高中生', '高一', '高二', '高三'],
			vocational: ['中职', '职高', '职业学校'],
			parents: ['学生家长'],
			teachers: ['老师', '教职工']
		}
	},
	language: { codes: LANGUAGES, prefix: 'language', aliases: { zh: ['中文', '汉语', '国语', 'Chinese'] } }
} satisfies Record<string, Vocabulary>;
