// "Why this match": a pair's eligibility and score by its terms in the current solution,
// and a demand's best alternatives with what each would displace. Structured data only;
// the board renders it in the coordinator's language.
import { assessPair, marginalLoadCost, type OptionAssessment, type RuleFailure, type ScoreTerms } from './eligibility';
import type { FlowNetwork } from './network';
import type { PreparedInstance } from './prepare';
import type { Pair } from './types';

export interface PairExplanation {
	readonly demandId: string;
	readonly volunteerId: string;
	readonly eligible: boolean;
	/** Every failed rule (forbidden included); empty when eligible. */
	readonly failures: readonly RuleFailure[];
	readonly offline: OptionAssessment;
	readonly online: OptionAssessment;
	/** The score by its terms (the better open option); null when not eligible by attributes. */
	readonly score: ScoreTerms | null;
	readonly assigned: boolean;
	readonly pinned: boolean;
	/** The volunteer's demands in the current solution, and its capacity. */
	readonly load: number;
	readonly capacity: number;
	/**
	 * The load-spreading term: for an assigned pair, what the volunteer's last assignment
	 * costs (loadStep * (load - 1)); otherwise what one more would cost (loadStep * load).
	 */
	readonly loadCost: number;
	/** Score minus load cost: the pair's contribution at the margin; null when not eligible. */
	readonly marginalGain: number | null;
}

export interface Candidate {
	readonly volunteerId: string;
	readonly score: ScoreTerms;
	readonly assigned: boolean;
	readonly pinned: boolean;
	/**
	 * How the optimum objective would change if the coordinator pinned this pair: 0 for the
	 * current choices, negative otherwise; null when the current pins leave no room for it.
	 */
	readonly objectiveDelta: number | null;
	/** Pairs the re-optimised solution would drop to make room (other volunteers of this demand, or this volunteer's other demands). */
	readonly displaces: readonly Pair[];
	/** Other pairs it would add as the displaced move elsewhere. */
	readonly alsoAssigns: readonly Pair[];
}

/** The current solution as the explanations see it. */
export interface SolutionView {
	readonly prep: PreparedInstance;
	readonly network: FlowNetwork;
	/** Forbidden, including pairs the network does not hold (not eligible by attributes). */
	isForbidden(d: number, v: number): boolean;
}

export function explainPair({ prep, network, isForbidden }: SolutionView, d: number, v: number): PairExplanation {
	const demand = prep.instance.demands[d];
	const volunteer = prep.instance.volunteers[v];
	const a = assessPair(demand, volunteer, prep.minutes(d, v), isForbidden(d, v), prep.weights);
	const p = prep.pairOf(d, v);
	const assigned = p >= 0 && network.flowOf(p) === 1;
	const load = network.loadOf(v);
	const loadCost = marginalLoadCost(assigned ? load : load + 1, prep.weights);
	return {
		demandId: demand.id,
		volunteerId: volunteer.id,
		eligible: a.eligible,
		failures: a.failures,
		offline: a.offline,
		online: a.online,
		score: a.best,
		assigned,
		pinned: p >= 0 && network.pinned[p] === 1,
		load,
		capacity: volunteer.capacity,
		loadCost,
		marginalGain: a.best ? a.best.score - loadCost : null
	};
}

/**
 * The demand's eligible, allowed volunteers ranked by what pinning them would do to the
 * optimum (current choices first), then by score. One Dijkstra from the demand prices every
 * candidate at once: the shortest residual path from the demand to a volunteer is the
 * cheapest rearrangement that frees a seat on one side and a unit of capacity on the other.
 */
export function topCandidates({ prep, network }: SolutionView, d: number, k: number): Candidate[] {
	const { instance, pairStart, pairVolunteer, pairScore } = prep;
	const open: number[] = [];
	for (let p = pairStart[d]; p < pairStart[d + 1]; p++) if (!network.forbidden[p]) open.push(p);
	const toProbe = open.filter((p) => network.flowOf(p) === 0).map((p) => pairVolunteer[p]);
	if (toProbe.length) network.probeFrom(d, toProbe);
	const demand = instance.demands[d];

	const candidates = open.map((p): Candidate => {
		const v = pairVolunteer[p];
		const volunteer = instance.volunteers[v];
		const score = assessPair(demand, volunteer, prep.minutes(d, v), false, prep.weights).best!;
		const base = { volunteerId: volunteer.id, score, pinned: network.pinned[p] === 1 };
		if (network.flowOf(p) === 1) return { ...base, assigned: true, objectiveDelta: 0, displaces: [], alsoAssigns: [] };
		const cost = network.probedCost(v);
		if (cost === null) return { ...base, assigned: false, objectiveDelta: null, displaces: [], alsoAssigns: [] };
		const displaces: Pair[] = [];
		const alsoAssigns: Pair[] = [];
		for (const arc of network.probedPath(v)) {
			if (arc.kind === 'other') continue;
			const pair: Pair = [instance.demands[prep.pairDemand[arc.pair]].id, instance.volunteers[pairVolunteer[arc.pair]].id];
			(arc.kind === 'pair_removed' ? displaces : alsoAssigns).push(pair);
		}
		return { ...base, assigned: false, objectiveDelta: pairScore[p] - cost, displaces, alsoAssigns };
	});
	candidates.sort(
		(x, y) =>
			(y.objectiveDelta ?? -Infinity) - (x.objectiveDelta ?? -Infinity) ||
			y.score.score - x.score.score ||
			x.volunteerId.localeCompare(y.volunteerId)
	);
	return candidates.slice(0, Math.max(0, k));
}
