// Whether one volunteer may serve one demand, and how much the pair is worth. The board's
// shared validation imports this in the browser, so it has no imports besides types and no
// module-level side effects; the solver, the explanations and the validator all score pairs
// here, so the four can never disagree.
import type { DemandMode, MatchingDemand, MatchingVolunteer, ScoringWeights, SessionMode } from './types';

/** The objective of `silverbridge.matching/1`: the default, and what the batch command uses. */
export const REFERENCE_WEIGHTS: ScoringWeights = {
	priorityPoints: { 1: 100, 2: 150, 3: 200 },
	onlinePenalty: 20,
	minutePenalty: 1,
	loadStep: 10
};

/** One failed eligibility rule, with the values that made it fail. */
export type RuleFailure =
	| { readonly rule: 'topic'; readonly topic: string; readonly offered: readonly string[] }
	| { readonly rule: 'language'; readonly language: string; readonly spoken: readonly string[] }
	| { readonly rule: 'mode'; readonly demandMode: DemandMode; readonly volunteerModes: readonly SessionMode[] }
	/** Only offline was possible, and it is too far (`minutes` null: no known route). */
	| { readonly rule: 'travel'; readonly minutes: number | null; readonly limit: number }
	| { readonly rule: 'forbidden' };

export type Rule = RuleFailure['rule'];

/** A pair's score by its terms: `score = priorityPoints - modePenalty`. */
export interface ScoreTerms {
	readonly mode: SessionMode;
	readonly priorityPoints: number;
	/** Travel minutes times the minute penalty (offline), or the online penalty. */
	readonly modePenalty: number;
	/** Travel minutes of the offline option; null online. */
	readonly minutes: number | null;
	readonly score: number;
}

export interface OptionAssessment {
	readonly mode: SessionMode;
	/** Why this option is closed to the pair; null when it is open. */
	readonly blockedBy: 'mode' | 'travel' | null;
	/** The option's score, also when blocked by travel (so a panel can show what it would be worth). */
	readonly terms: ScoreTerms | null;
}

export interface PairAssessment {
	readonly eligible: boolean;
	/** Every failed rule; empty exactly when eligible. */
	readonly failures: readonly RuleFailure[];
	readonly offline: OptionAssessment;
	readonly online: OptionAssessment;
	/**
	 * The pair's score by its terms: the better open option (offline on a tie). Null unless
	 * the pair is eligible by its attributes; a forbidden pair keeps its score.
	 */
	readonly best: ScoreTerms | null;
}

const offersMode = (v: MatchingVolunteer, mode: SessionMode) => v.modes.includes(mode);
const acceptsMode = (d: MatchingDemand, mode: SessionMode) => d.mode === mode || d.mode === 'any';

function offlineTerms(d: MatchingDemand, minutes: number, w: ScoringWeights): ScoreTerms {
	const priorityPoints = w.priorityPoints[d.priority];
	const modePenalty = w.minutePenalty * minutes;
	return { mode: 'offline', priorityPoints, modePenalty, minutes, score: priorityPoints - modePenalty };
}

function onlineTerms(d: MatchingDemand, w: ScoringWeights): ScoreTerms {
	const priorityPoints = w.priorityPoints[d.priority];
	return { mode: 'online', priorityPoints, modePenalty: w.onlinePenalty, minutes: null, score: priorityPoints - w.onlinePenalty };
}

/**
 * The score of the pair, or null when it is not eligible by attributes (forbidden pairs
 * are the caller's business). `minutes` is the travel time from the volunteer's district
 * to the demand's, null when unknown. This is the solver's hot path: no allocation.
 */
export function pairScore(
	d: MatchingDemand,
	v: MatchingVolunteer,
	minutes: number | null,
	w: ScoringWeights = REFERENCE_WEIGHTS
): number | null {
	if (!v.topics.includes(d.topic)) return null;
	if (d.language && !v.languages.includes(d.language)) return null;
	let best: number | null = null;
	if (offersMode(v, 'offline') && acceptsMode(d, 'offline') && minutes !== null && minutes <= v.maxTravelMinutes) {
		best = w.priorityPoints[d.priority] - w.minutePenalty * minutes;
	}
	if (offersMode(v, 'online') && acceptsMode(d, 'online')) {
		const online = w.priorityPoints[d.priority] - w.onlinePenalty;
		if (best === null || online > best) best = online;
	}
	return best;
}

/** Eligibility with every failed rule, and the score broken into its terms. */
export function assessPair(
	d: MatchingDemand,
	v: MatchingVolunteer,
	minutes: number | null,
	forbidden = false,
	w: ScoringWeights = REFERENCE_WEIGHTS
): PairAssessment {
	const failures: RuleFailure[] = [];
	if (!v.topics.includes(d.topic)) failures.push({ rule: 'topic', topic: d.topic, offered: v.topics });
	if (d.language && !v.languages.includes(d.language)) {
		failures.push({ rule: 'language', language: d.language, spoken: v.languages });
	}
	if (forbidden) failures.push({ rule: 'forbidden' });

	const offlineByMode = offersMode(v, 'offline') && acceptsMode(d, 'offline');
	const offlineOpen = offlineByMode && minutes !== null && minutes <= v.maxTravelMinutes;
	const offline: OptionAssessment = {
		mode: 'offline',
		blockedBy: offlineOpen ? null : offlineByMode ? 'travel' : 'mode',
		terms: offlineByMode && minutes !== null ? offlineTerms(d, minutes, w) : null
	};
	const onlineOpen = offersMode(v, 'online') && acceptsMode(d, 'online');
	const onlineScore = onlineTerms(d, w);
	const online: OptionAssessment = { mode: 'online', blockedBy: onlineOpen ? null : 'mode', terms: onlineScore };

	let option: ScoreTerms | null = offlineOpen ? offline.terms : null;
	if (onlineOpen && (option === null || onlineScore.score > option.score)) option = onlineScore;
	if (option === null) {
		// The actionable reason: when offline was possible but too far, say so rather than "mode".
		failures.push(
			offline.blockedBy === 'travel'
				? { rule: 'travel', minutes, limit: v.maxTravelMinutes }
				: { rule: 'mode', demandMode: d.mode, volunteerModes: v.modes }
		);
	}
	const byAttributes = failures.every((f) => f.rule === 'forbidden');
	return { eligible: failures.length === 0, failures, offline, online, best: byAttributes ? option : null };
}

/** What the k-th demand given to one volunteer costs (k >= 1). */
export const marginalLoadCost = (k: number, w: ScoringWeights = REFERENCE_WEIGHTS) => w.loadStep * (k - 1);

/** What `k` demands given to one volunteer cost in total: loadStep * (0 + 1 + ... + (k - 1)). */
export const loadCost = (k: number, w: ScoringWeights = REFERENCE_WEIGHTS) => (k <= 1 ? 0 : (w.loadStep * k * (k - 1)) / 2);
