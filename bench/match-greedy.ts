// The baseline a hand-written matcher would use: pins first, then pairs by descending
// score, each taken while it still adds to the objective (score above the volunteer's next
// load cost) and seats and capacity remain.
import { REFERENCE_WEIGHTS, marginalLoadCost } from '../src/lib/features/matching/eligibility';
import { prepareInstance } from '../src/lib/features/matching/prepare';
import type { MatchingInstance, Pair } from '../src/lib/features/matching/types';

export function greedyMatching(instance: MatchingInstance): Pair[] {
	const prep = prepareInstance(instance, REFERENCE_WEIGHTS);
	const { pairCount, pairDemand, pairVolunteer, pairScore, pairForbidden } = prep;
	const seats = Int32Array.from(instance.demands, (d) => d.seats);
	const load = new Int32Array(instance.volunteers.length);
	const taken = new Uint8Array(pairCount);
	const take = (p: number) => {
		taken[p] = 1;
		seats[pairDemand[p]]--;
		load[pairVolunteer[p]]++;
	};
	for (const p of prep.pins) take(p);
	const order = Array.from({ length: pairCount }, (_, p) => p).sort((a, b) => pairScore[b] - pairScore[a]);
	for (const p of order) {
		const v = pairVolunteer[p];
		if (taken[p] || pairForbidden[p] || seats[pairDemand[p]] === 0 || load[v] === instance.volunteers[v].capacity) continue;
		if (pairScore[p] > marginalLoadCost(load[v] + 1)) take(p);
	}
	const pairs: Pair[] = [];
	for (let p = 0; p < pairCount; p++) {
		if (taken[p]) pairs.push([instance.demands[pairDemand[p]].id, instance.volunteers[pairVolunteer[p]].id]);
	}
	return pairs;
}
