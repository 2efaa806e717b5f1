// People's own words matched to what the system knows: a topic written 法制教育 or 心理健康教育,
// a district written 东湖, a school written 实验小学. An exact name (or a known synonym) is
// taken; a short form that fits exactly one name is taken too; otherwise the closest names
// are offered for the person to choose from. Pure.
import { matchKey } from './cells';
import { codeOf, labelOf, LOCALES, type Vocabulary } from './sheet-spec';

/** What a word matched: one thing, or the closest few for a person to choose between. */
export type WordMatch = { found: string } | { found: null; ambiguous: boolean; closest: string[] };

/** Choices offered for a word that fits several things or none. */
const CLOSEST = 5;
/** Shorter words say too little to pick a name by containment (教 is in every topic). */
const MIN_PART = 2;

/** How alike two words are: shared characters (Dice coefficient), 0 … 1. */
function likeness(a: string, b: string): number {
	if (!a || !b) return 0;
	const rest = [...b];
	let shared = 0;
	for (const ch of a) {
		const at = rest.indexOf(ch);
		if (at >= 0) {
			shared++;
			rest.splice(at, 1);
		}
	}
	return (2 * shared) / ([...a].length + [...b].length);
}

interface Named {
	id: string;
	/** Every name it goes by, already as match keys. */
	keys: string[];
}

/**
 * The one thing `word` names among `named`: an exact key, else the only one whose key
 * contains the word (or is contained in it); else the closest ones.
 */
function matchNamed(word: string, named: readonly Named[]): WordMatch {
	if (!word) return { found: null, ambiguous: false, closest: [] };
	const exact = new Set(named.filter((n) => n.keys.includes(word)).map((n) => n.id));
	if (exact.size === 1) return { found: [...exact][0] };
	if (exact.size > 1) return { found: null, ambiguous: true, closest: [...exact].slice(0, CLOSEST) };
	const score = (n: Named) => Math.max(...n.keys.map((k) => likeness(word, k)));
	const byScore = (list: readonly Named[]) => [...list].sort((a, b) => score(b) - score(a));
	const containing =
		[...word].length >= MIN_PART
			? named.filter((n) => n.keys.some((k) => [...k].length >= MIN_PART && (k.includes(word) || word.includes(k))))
			: [];
	const ids = [...new Set(containing.map((n) => n.id))];
	if (ids.length === 1) return { found: ids[0] };
	if (ids.length > 1)
		return { found: null, ambiguous: true, closest: [...new Set(byScore(containing).map((n) => n.id))].slice(0, CLOSEST) };
	const close = byScore(named.filter((n) => score(n) >= 0.4));
	return { found: null, ambiguous: false, closest: [...new Set(close.map((n) => n.id))].slice(0, CLOSEST) };
}

/** Words that add nothing to a topic or a kind of talk: 科普讲座 is 科普, 劳动课 is 劳动. */
const FILLER = /(教育|讲座|宣讲|课程|课|活动|方面|知识)$/;

const vocabularyIndex = new WeakMap<Vocabulary, Named[]>();

/** The code a word names in a vocabulary, by label, synonym, short form or likeness. */
export function matchVocabulary(vocabulary: Vocabulary, word: string): WordMatch {
	const code = codeOf(vocabulary, word);
	if (code) return { found: code };
	let named = vocabularyIndex.get(vocabulary);
	if (!named) {
		named = vocabulary.codes.map((c) => ({
			id: c,
			keys: [...LOCALES.map((l) => labelOf(vocabulary, c, l)), ...(vocabulary.aliases?.[c] ?? [])].map(matchKey)
		}));
		vocabularyIndex.set(vocabulary, named);
	}
	const key = matchKey(word);
	const bare = key.replace(FILLER, '');
	if (bare !== key && bare) {
		const again = codeOf(vocabulary, bare);
		if (again) return { found: again };
	}
	return matchNamed(bare || key, named);
}

/** Committee names people shorten: 东湖区 or 东湖 for 东湖区关工委, "Donghu District" for "… Committee". */
const shortKeys = (name: string) => {
	const key = matchKey(name)
		.replace(/(关工委|关工小组|关心下一代工作委员会)$/, '')
		.replace(/committee$/, '');
	const bare = key.replace(/(区|县|市|镇|乡|district|county)$/, '');
	return bare && bare !== key ? [key, bare] : [key];
};

export interface OrgCandidate {
	id: string;
	name: string;
	nameEn?: string | null;
}

/** An organisation named in a cell: found, or the closest ones the caller may use. */
export type OrgLookup = (name: string) => WordMatch;

/**
 * Finds organisations by name among those given (the caller's own): the exact name, the
 * English name, the name without 关工委 or 区, or the one name that contains the word
 * (实验小学 is 东湖实验小学 when the caller has no other 实验小学). Names the caller may not use
 * look exactly like names that do not exist.
 */
export function orgLookupOf(orgs: readonly OrgCandidate[]): OrgLookup {
	const named: Named[] = orgs.map((o) => ({
		id: o.id,
		keys: [...new Set([o.name, o.nameEn ?? ''].filter(Boolean).flatMap((n) => [matchKey(n), ...shortKeys(n)]))]
	}));
	return (name) => {
		const key = matchKey(name);
		const exact = named.filter((n) => n.keys.includes(key));
		if (exact.length === 1) return { found: exact[0].id };
		const shortened = shortKeys(name);
		return matchNamed(shortened[shortened.length - 1], named);
	};
}

/** The organisations a column may name: looked up by any form of their name, offered by their full name. */
export interface OrgDirectory {
	lookup: OrgLookup;
	/** Full name by id, in the order they are offered. */
	names: ReadonlyMap<string, string>;
}

export const orgDirectoryOf = (orgs: readonly OrgCandidate[]): OrgDirectory => ({
	lookup: orgLookupOf(orgs),
	names: new Map(orgs.map((o) => [o.id, o.name]))
});
