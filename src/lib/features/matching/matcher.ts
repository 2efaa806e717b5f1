// The engine's entry point: an exact optimum kept up to date as coordinators pin, unpin and
// forbid pairs on the board. Construction solves from scratch; every edit afterwards repairs
// the previous optimum in place (see network.ts) and leaves the matcher unchanged when it
// throws.
import { REFERENCE_WEIGHTS } from './eligibility';
import { InfeasiblePinsError, MatchingInputError, type PinProblem } from './errors';
import { explainPair, topCandidates, type Candidate, type PairExplanation, type SolutionView } from './explain';
import { FlowNetwork } from './network';
import { prepareInstance, type PreparedInstance } from './prepare';
import type { MatchingInstance, MatchingSolution, Pair, ScoringWeights } from './types';

export interface MatcherOptions {
	/** Defaults to the reference objective of the batch format. */
	readonly weights?: ScoringWeights;
}

export class Matcher {
	private readonly prep: PreparedInstance;
	private readonly network: FlowNetwork;
	private readonly pinsOfDemand: Int32Array;
	private readonly pinsOfVolunteer: Int32Array;
	/** Forbidden pairs the network has no arc for (not eligible anyway, or unknown ids), by "d\u0000v". */
	private readonly forbiddenElsewhere = new Map<string, Pair>();
	private readonly view: SolutionView;

	/** Solves the instance; throws `MatchingInputError` or `InfeasiblePinsError`. */
	constructor(instance: MatchingInstance, options: MatcherOptions = {}) {
		this.prep = prepareInstance(instance, options.weights ?? REFERENCE_WEIGHTS);
		this.network = new FlowNetwork(this.prep);
		this.network.solve();
		this.pinsOfDemand = new Int32Array(instance.demands.length);
		this.pinsOfVolunteer = new Int32Array(instance.volunteers.length);
		for (const p of this.prep.pins) {
			this.pinsOfDemand[this.prep.pairDemand[p]]++;
			this.pinsOfVolunteer[this.prep.pairVolunteer[p]]++;
		}
		for (const pair of instance.forbidden) {
			const d = this.prep.demandIndex.get(pair[0]);
			const v = this.prep.volunteerIndex.get(pair[1]);
			if (d === undefined || v === undefined || this.prep.pairOf(d, v) < 0) this.forbiddenElsewhere.set(pairKey(pair), pair);
		}
		this.view = {
			prep: this.prep,
			network: this.network,
			isForbidden: (d, v) => {
				const p = this.prep.pairOf(d, v);
				return p >= 0 ? this.network.forbidden[p] === 1 : this.forbiddenElsewhere.has(pairKey(this.pairIds(d, v)));
			}
		};
	}

	/** The current optimum. */
	solve(): MatchingSolution {
		const { pairCount, pairDemand, pairVolunteer } = this.prep;
		const assignments: Pair[] = [];
		for (let p = 0; p < pairCount; p++) {
			if (this.network.flowOf(p)) assignments.push(this.pairIds(pairDemand[p], pairVolunteer[p]));
		}
		return { assignments, objective: this.network.objective() };
	}

	get objective(): number {
		return this.network.objective();
	}

	/** Forbidden pairs that named unknown ids in the instance; they were ignored. */
	get ignoredForbidden(): readonly Pair[] {
		return this.prep.unknownForbidden;
	}

	isAssigned(demandId: string, volunteerId: string): boolean {
		const p = this.pairIndex(demandId, volunteerId);
		return p >= 0 && this.network.flowOf(p) === 1;
	}

	/** Pins a pair (placed by hand). Throws `InfeasiblePinsError` naming the broken rule, changing nothing. */
	pin(demandId: string, volunteerId: string): void {
		const [d, v] = this.indices(demandId, volunteerId);
		const p = this.prep.pairOf(d, v);
		if (p >= 0 && this.network.pinned[p]) return;
		const pair: Pair = [demandId, volunteerId];
		const problems: PinProblem[] = [];
		if (p < 0 || this.network.forbidden[p]) {
			problems.push({ kind: 'ineligible', pair, failures: explainPair(this.view, d, v).failures });
		}
		const demand = this.prep.instance.demands[d];
		if (this.pinsOfDemand[d] >= demand.seats) {
			problems.push({ kind: 'over_seats', demandId, seats: demand.seats, pinned: [...this.pinnedPairs({ demand: d }), pair] });
		}
		const volunteer = this.prep.instance.volunteers[v];
		if (this.pinsOfVolunteer[v] >= volunteer.capacity) {
			problems.push({
				kind: 'over_capacity',
				volunteerId,
				capacity: volunteer.capacity,
				pinned: [...this.pinnedPairs({ volunteer: v }), pair]
			});
		}
		if (problems.length) throw new InfeasiblePinsError(problems);
		this.network.pin(p);
		this.pinsOfDemand[d]++;
		this.pinsOfVolunteer[v]++;
	}

	/** Releases a pin; the pair stays only if it is still part of an optimum. */
	unpin(demandId: string, volunteerId: string): void {
		const [d, v] = this.indices(demandId, volunteerId);
		const p = this.prep.pairOf(d, v);
		if (p < 0 || !this.network.pinned[p]) return;
		this.network.unpin(p);
		this.pinsOfDemand[d]--;
		this.pinsOfVolunteer[v]--;
	}

	/** Rules a pair out. A pinned pair must be unpinned first (`InfeasiblePinsError`). */
	forbid(demandId: string, volunteerId: string): void {
		const [d, v] = this.indices(demandId, volunteerId);
		const p = this.prep.pairOf(d, v);
		if (p < 0) {
			this.forbiddenElsewhere.set(pairKey([demandId, volunteerId]), [demandId, volunteerId]);
			return;
		}
		if (this.network.forbidden[p]) return;
		if (this.network.pinned[p]) {
			const failures = [...explainPair(this.view, d, v).failures, { rule: 'forbidden' } as const];
			throw new InfeasiblePinsError([{ kind: 'ineligible', pair: [demandId, volunteerId], failures }]);
		}
		this.network.forbid(p);
	}

	/** Lifts a ban on a pair. */
	allow(demandId: string, volunteerId: string): void {
		const [d, v] = this.indices(demandId, volunteerId);
		const p = this.prep.pairOf(d, v);
		if (p < 0) this.forbiddenElsewhere.delete(pairKey([demandId, volunteerId]));
		else if (this.network.forbidden[p]) this.network.allow(p);
	}

	/** The instance as edited so far: solving it from scratch gives the same objective. */
	toInstance(): MatchingInstance {
		const { pairCount } = this.prep;
		const forbidden: Pair[] = [];
		for (let p = 0; p < pairCount; p++) if (this.network.forbidden[p]) forbidden.push(this.pairIdsOf(p));
		forbidden.push(...this.forbiddenElsewhere.values());
		return { ...this.prep.instance, pinned: this.pinnedPairs({}), forbidden };
	}

	/** Eligibility with each failed rule, the score by its terms, and the pair's place in the current solution. */
	explainPair(demandId: string, volunteerId: string): PairExplanation {
		const [d, v] = this.indices(demandId, volunteerId);
		return explainPair(this.view, d, v);
	}

	/** The demand's best k volunteers, with what pinning each would change and displace. */
	topCandidates(demandId: string, k: number): Candidate[] {
		const d = this.prep.demandIndex.get(demandId);
		if (d === undefined) throw new MatchingInputError(`unknown demand "${demandId}"`);
		return topCandidates(this.view, d, k);
	}

	private pinnedPairs(filter: { demand?: number; volunteer?: number }): Pair[] {
		const pairs: Pair[] = [];
		const { pairCount, pairDemand, pairVolunteer } = this.prep;
		for (let p = 0; p < pairCount; p++) {
			if (!this.network.pinned[p]) continue;
			if (filter.demand !== undefined && pairDemand[p] !== filter.demand) continue;
			if (filter.volunteer !== undefined && pairVolunteer[p] !== filter.volunteer) continue;
			pairs.push(this.pairIdsOf(p));
		}
		return pairs;
	}

	private indices(demandId: string, volunteerId: string): [number, number] {
		const d = this.prep.demandIndex.get(demandId);
		if (d === undefined) throw new MatchingInputError(`unknown demand "${demandId}"`);
		const v = this.prep.volunteerIndex.get(volunteerId);
		if (v === undefined) throw new MatchingInputError(`unknown volunteer "${volunteerId}"`);
		return [d, v];
	}

	private pairIndex(demandId: string, volunteerId: string): number {
		const [d, v] = this.indices(demandId, volunteerId);
		return this.prep.pairOf(d, v);
	}

	private pairIds(d: number, v: number): Pair {
		return [this.prep.instance.demands[d].id, this.prep.instance.volunteers[v].id];
	}

	private pairIdsOf(p: number): Pair {
		return this.pairIds(this.prep.pairDemand[p], this.prep.pairVolunteer[p]);
	}
}

const pairKey = ([d, v]: Pair) => `${d}\u0000${v}`;

/** The optimum of an instance, from scratch. */
export function solveMatching(instance: MatchingInstance, options: MatcherOptions = {}): MatchingSolution {
	return new Matcher(instance, options).solve();
}
