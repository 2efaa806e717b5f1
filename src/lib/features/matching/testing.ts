// Test support: small random instances (fast-check) and an exhaustive optimum to hold the
// engine to. Imported by the *.test.ts files only.
import fc from 'fast-check';
import { loadCost, pairScore, REFERENCE_WEIGHTS } from './eligibility';
import type { MatchingDemand, MatchingInstance, MatchingVolunteer, Pair, ScoringWeights, SessionMode } from './types';

const TOPICS = ['legal', 'history', 'reading'];
const LANGUAGES = ['zh', 'bo'];
const MODES: SessionMode[][] = [['offline'], ['online'], ['offline', 'online']];

export interface InstanceShape {
	maxDemands: number;
	maxVolunteers: number;
	maxPins: number;
	maxForbidden: number;
	/** Lowest capacity; the batch format needs 1, the core accepts 0. */
	minCapacity?: number;
	/** How close to the maximum counts the arrays tend to be (fast-check's size); small by default. */
	size?: fc.SizeForArbitrary;
}

/** Random instances over a few districts, topics and languages, with random (maybe infeasible) pins. */
export function arbitraryInstance(shape: InstanceShape): fc.Arbitrary<MatchingInstance> {
	return fc.integer({ min: 1, max: 3 }).chain((nd) => {
		const district = fc.integer({ min: 0, max: nd - 1 }).map((i) => `d${i}`);
		const volunteer = fc.record({
			district,
			topics: fc.subarray(TOPICS, { minLength: 1 }),
			modes: fc.constantFrom(...MODES),
			capacity: fc.integer({ min: shape.minCapacity ?? 0, max: 3 }),
			maxTravelMinutes: fc.integer({ min: 0, max: 90 }),
			languages: fc.subarray(LANGUAGES)
		});
		const demand = fc.record({
			district,
			topic: fc.constantFrom(...TOPICS),
			mode: fc.constantFrom('offline' as const, 'online' as const, 'any' as const),
			seats: fc.integer({ min: 1, max: 3 }),
			priority: fc.constantFrom(1 as const, 2 as const, 3 as const),
			language: fc.option(fc.constantFrom(...LANGUAGES), { nil: undefined })
		});
		const pairs = (max: number) => fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: max });
		return fc
			.record({
				travel: fc.array(fc.array(fc.integer({ min: 0, max: 90 }), { minLength: nd, maxLength: nd }), { minLength: nd, maxLength: nd }),
				volunteers: fc.array(volunteer, { minLength: 1, maxLength: shape.maxVolunteers, size: shape.size }),
				demands: fc.array(demand, { minLength: 1, maxLength: shape.maxDemands, size: shape.size }),
				pinned: pairs(shape.maxPins),
				forbidden: pairs(shape.maxForbidden)
			})
			.map(({ travel, volunteers, demands, pinned, forbidden }): MatchingInstance => {
				const vs: MatchingVolunteer[] = volunteers.map((v, i) => ({ ...v, id: `v${i}` }));
				const ds: MatchingDemand[] = demands.map((d, i) => ({ ...d, id: `n${i}` }));
				const toPair = ([a, b]: [number, number]): Pair => [ds[a % ds.length].id, vs[b % vs.length].id];
				return {
					districts: Array.from({ length: nd }, (_, i) => `d${i}`),
					travelMinutes: travel,
					volunteers: vs,
					demands: ds,
					pinned: pinned.map(toPair),
					forbidden: forbidden.map(toPair)
				};
			});
	});
}

/**
 * The optimum by exhaustive search over allowed pairs (each in or out), or null when no
 * assignment honours the pins. Exponential: keep instances to about 16 allowed pairs.
 */
export function bruteForceOptimum(
	instance: MatchingInstance,
	weights: ScoringWeights = REFERENCE_WEIGHTS
): { objective: number; assignments: Pair[] } | null {
	const district = new Map(instance.districts.map((id, i) => [id, i]));
	const key = (d: string, v: string) => `${d}\u0000${v}`;
	const forbidden = new Set(instance.forbidden.map(([d, v]) => key(d, v)));
	const pinKeys = instance.pinned.map(([d, v]) => key(d, v));
	if (new Set(pinKeys).size !== pinKeys.length) return null;
	const pinned = new Set(pinKeys);
	const candidates: { d: number; v: number; score: number; pinned: boolean }[] = [];
	instance.demands.forEach((d, di) =>
		instance.volunteers.forEach((v, vi) => {
			const score = pairScore(d, v, instance.travelMinutes[district.get(v.district)!][district.get(d.district)!], weights);
			if (score !== null && !forbidden.has(key(d.id, v.id))) candidates.push({ d: di, v: vi, score, pinned: pinned.has(key(d.id, v.id)) });
		})
	);
	if (candidates.filter((c) => c.pinned).length !== pinned.size) return null;

	const seats = instance.demands.map((d) => d.seats);
	const load = instance.volunteers.map(() => 0);
	const chosen: number[] = [];
	let best: { objective: number; assignments: Pair[] } | null = null;
	const search = (i: number, scoreSum: number) => {
		if (i === candidates.length) {
			const objective = scoreSum - load.reduce((sum, k) => sum + loadCost(k, weights), 0);
			if (!best || objective > best.objective) {
				best = {
					objective,
					assignments: chosen.map((c) => [instance.demands[candidates[c].d].id, instance.volunteers[candidates[c].v].id])
				};
			}
			return;
		}
		const c = candidates[i];
		if (seats[c.d] > 0 && load[c.v] < instance.volunteers[c.v].capacity) {
			seats[c.d]--;
			load[c.v]++;
			chosen.push(i);
			search(i + 1, scoreSum + c.score);
			chosen.pop();
			load[c.v]--;
			seats[c.d]++;
		}
		if (!c.pinned) search(i + 1, scoreSum);
	};
	search(0, 0);
	return best;
}
