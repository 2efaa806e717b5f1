// From ids to indices: checks that an instance is well formed, lists its eligible pairs
// with their scores, and validates the pins. Everything downstream (solver, matcher,
// validator) works on the integer indices built here.
import { assessPair, pairScore } from './eligibility';
import { InfeasiblePinsError, MatchingInputError, type PinProblem } from './errors';
import type { MatchingInstance, Pair, ScoringWeights } from './types';

export interface PreparedInstance {
	readonly instance: MatchingInstance;
	readonly weights: ScoringWeights;
	readonly demandIndex: ReadonlyMap<string, number>;
	readonly volunteerIndex: ReadonlyMap<string, number>;
	/** Travel minutes from volunteer `v`'s district to demand `d`'s, null when unknown. */
	minutes(d: number, v: number): number | null;
	/**
	 * Pairs eligible by attributes, grouped by demand. Forbidden pairs are listed too (flagged
	 * in `pairForbidden`) so forbidding and allowing again only toggles an arc.
	 */
	readonly pairCount: number;
	readonly pairDemand: Int32Array;
	readonly pairVolunteer: Int32Array;
	readonly pairScore: Int32Array;
	readonly pairForbidden: Uint8Array;
	/** Demand d's pairs are pairStart[d] .. pairStart[d + 1] - 1, by volunteer order. */
	readonly pairStart: Int32Array;
	/** Pinned pairs, as pair indices. */
	readonly pins: readonly number[];
	/** Forbidden pairs that name an unknown demand or volunteer (ignored, but worth a warning). */
	readonly unknownForbidden: readonly Pair[];
	pairOf(d: number, v: number): number;
}

function indexIds(kind: string, ids: Iterable<string>): Map<string, number> {
	const index = new Map<string, number>();
	for (const id of ids) {
		if (index.has(id)) throw new MatchingInputError(`duplicate ${kind} id "${id}"`);
		index.set(id, index.size);
	}
	return index;
}

const isCount = (n: number) => Number.isInteger(n) && n >= 0;

function validateWeights(w: ScoringWeights): void {
	const values = [w.priorityPoints[1], w.priorityPoints[2], w.priorityPoints[3], w.onlinePenalty, w.minutePenalty, w.loadStep];
	// Integers keep every cost exact; a non-negative load step keeps load costs convex,
	// which the flow model needs (cheaper load units are used first).
	if (!values.every(Number.isSafeInteger)) throw new MatchingInputError('scoring weights must be integers');
	if (w.loadStep < 0) throw new MatchingInputError('loadStep must be >= 0 (load costs must be convex)');
}

export function prepareInstance(instance: MatchingInstance, weights: ScoringWeights): PreparedInstance {
	validateWeights(weights);
	const districtIndex = indexIds('district', instance.districts);
	const demandIndex = indexIds(
		'demand',
		instance.demands.map((d) => d.id)
	);
	const volunteerIndex = indexIds(
		'volunteer',
		instance.volunteers.map((v) => v.id)
	);
	const nd = instance.districts.length;
	const travel = instance.travelMinutes;
	if (travel.length !== nd || travel.some((row) => row.length !== nd)) {
		throw new MatchingInputError(`travelMinutes must be a ${nd}x${nd} matrix (one row and column per district)`);
	}
	for (const row of travel) {
		for (const t of row) {
			if (t !== null && !isCount(t)) throw new MatchingInputError('travelMinutes entries must be integers >= 0 or null');
		}
	}
	const districtOf = (kind: string, id: string, district: string) => {
		const i = districtIndex.get(district);
		if (i === undefined) throw new MatchingInputError(`${kind} ${id}: unknown district "${district}"`);
		return i;
	};
	const demandDistrict = instance.demands.map((d) => districtOf('demand', d.id, d.district));
	const volunteerDistrict = instance.volunteers.map((v) => districtOf('volunteer', v.id, v.district));
	for (const d of instance.demands) {
		if (!isCount(d.seats)) throw new MatchingInputError(`demand ${d.id}: seats must be an integer >= 0`);
		if (!(d.priority in weights.priorityPoints)) throw new MatchingInputError(`demand ${d.id}: priority must be 1, 2 or 3`);
	}
	for (const v of instance.volunteers) {
		if (!isCount(v.capacity)) throw new MatchingInputError(`volunteer ${v.id}: capacity must be an integer >= 0`);
		// Load arc costs are stored as 32-bit integers.
		if (weights.loadStep * v.capacity >= 2 ** 30) throw new MatchingInputError(`volunteer ${v.id}: capacity ${v.capacity} is too large`);
		if (!Number.isInteger(v.maxTravelMinutes)) throw new MatchingInputError(`volunteer ${v.id}: maxTravelMinutes must be an integer`);
	}
	const minutes = (d: number, v: number) => travel[volunteerDistrict[v]][demandDistrict[d]];

	// Only volunteers offering the demand's topic can be eligible: index them by topic so
	// large instances do not test every pair. Lists come out in volunteer order, so each
	// demand's pairs are sorted by volunteer and `pairOf` can binary-search them.
	const byTopic = new Map<string, number[]>();
	instance.volunteers.forEach((v, i) => {
		for (const topic of new Set(v.topics)) pushTo(byTopic, topic, i);
	});
	let candidates = 0;
	for (const d of instance.demands) candidates += byTopic.get(d.topic)?.length ?? 0;
	const pairDemand = new Int32Array(candidates);
	const pairVolunteer = new Int32Array(candidates);
	const pairScores = new Int32Array(candidates);
	const pairStart = new Int32Array(instance.demands.length + 1);
	let pairCount = 0;
	instance.demands.forEach((demand, d) => {
		pairStart[d] = pairCount;
		const to = demandDistrict[d];
		for (const v of byTopic.get(demand.topic) ?? []) {
			const score = pairScore(demand, instance.volunteers[v], travel[volunteerDistrict[v]][to], weights);
			if (score === null) continue;
			if (!Number.isSafeInteger(score) || Math.abs(score) >= 2 ** 30) {
				throw new MatchingInputError(`pair (${demand.id}, ${instance.volunteers[v].id}): score ${score} is out of range`);
			}
			pairDemand[pairCount] = d;
			pairVolunteer[pairCount] = v;
			pairScores[pairCount++] = score;
		}
	});
	pairStart[instance.demands.length] = pairCount;
	const volunteerOfPair = pairVolunteer.slice(0, pairCount);
	const pairOf = (d: number, v: number) => {
		let lo = pairStart[d];
		let hi = pairStart[d + 1] - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			if (volunteerOfPair[mid] < v) lo = mid + 1;
			else if (volunteerOfPair[mid] > v) hi = mid - 1;
			else return mid;
		}
		return -1;
	};

	const pairForbidden = new Uint8Array(pairCount);
	const unknownForbidden: Pair[] = [];
	// Forbidden pairs that are not eligible anyway, kept so a pin on one reports both reasons.
	const forbiddenIneligible = new Set<string>();
	for (const pair of instance.forbidden) {
		const d = demandIndex.get(pair[0]);
		const v = volunteerIndex.get(pair[1]);
		if (d === undefined || v === undefined) unknownForbidden.push(pair);
		else if (pairOf(d, v) >= 0) pairForbidden[pairOf(d, v)] = 1;
		else forbiddenIneligible.add(`${d} ${v}`);
	}
	const isForbidden = (d: number, v: number) => {
		const p = pairOf(d, v);
		return p >= 0 ? pairForbidden[p] === 1 : forbiddenIneligible.has(`${d} ${v}`);
	};

	return {
		instance,
		weights,
		demandIndex,
		volunteerIndex,
		minutes,
		pairCount,
		pairDemand: pairDemand.slice(0, pairCount),
		pairVolunteer: volunteerOfPair,
		pairScore: pairScores.slice(0, pairCount),
		pairForbidden,
		pairStart,
		pins: checkPins(instance, weights, demandIndex, volunteerIndex, isForbidden, minutes, pairOf),
		unknownForbidden,
		pairOf
	};
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/** Every reason the pins cannot all hold, or their pair indices when they can. */
function checkPins(
	instance: MatchingInstance,
	weights: ScoringWeights,
	demandIndex: ReadonlyMap<string, number>,
	volunteerIndex: ReadonlyMap<string, number>,
	isForbidden: (d: number, v: number) => boolean,
	minutes: (d: number, v: number) => number | null,
	pairOf: (d: number, v: number) => number
): number[] {
	const problems: PinProblem[] = [];
	const pins: number[] = [];
	const seen = new Set<number>();
	const byDemand = new Map<number, Pair[]>();
	const byVolunteer = new Map<number, Pair[]>();
	const nv = instance.volunteers.length;
	for (const pair of instance.pinned) {
		const d = demandIndex.get(pair[0]);
		const v = volunteerIndex.get(pair[1]);
		if (d === undefined) throw new MatchingInputError(`pinned pair (${pair[0]}, ${pair[1]}): unknown demand "${pair[0]}"`);
		if (v === undefined) throw new MatchingInputError(`pinned pair (${pair[0]}, ${pair[1]}): unknown volunteer "${pair[1]}"`);
		const k = d * nv + v;
		if (seen.has(k)) {
			problems.push({ kind: 'duplicate', pair });
			continue;
		}
		seen.add(k);
		const p = pairOf(d, v);
		if (p < 0 || isForbidden(d, v)) {
			const { failures } = assessPair(instance.demands[d], instance.volunteers[v], minutes(d, v), isForbidden(d, v), weights);
			problems.push({ kind: 'ineligible', pair, failures });
		} else pins.push(p);
		pushTo(byDemand, d, pair);
		pushTo(byVolunteer, v, pair);
	}
	for (const [d, pinned] of byDemand) {
		const { id, seats } = instance.demands[d];
		if (pinned.length > seats) problems.push({ kind: 'over_seats', demandId: id, seats, pinned });
	}
	for (const [v, pinned] of byVolunteer) {
		const { id, capacity } = instance.volunteers[v];
		if (pinned.length > capacity) problems.push({ kind: 'over_capacity', volunteerId: id, capacity, pinned });
	}
	if (problems.length) throw new InfeasiblePinsError(problems);
	return pins;
}
