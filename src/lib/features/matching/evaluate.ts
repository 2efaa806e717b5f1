// Checking any assignment against an instance, independently of the solver: its objective,
// and every constraint it breaks. Tests and the batch command use it to verify results; the
// board can use it to score a hand-made plan.
import { assessPair, loadCost, REFERENCE_WEIGHTS, type RuleFailure } from './eligibility';
import { MatchingInputError } from './errors';
import type { MatchingInstance, Pair, ScoringWeights } from './types';

export type Violation =
	| { readonly kind: 'unknown_demand'; readonly pair: Pair }
	| { readonly kind: 'unknown_volunteer'; readonly pair: Pair }
	| { readonly kind: 'duplicate'; readonly pair: Pair }
	| { readonly kind: 'ineligible'; readonly pair: Pair; readonly failures: readonly RuleFailure[] }
	| { readonly kind: 'over_seats'; readonly demandId: string; readonly assigned: number; readonly seats: number }
	| { readonly kind: 'over_capacity'; readonly volunteerId: string; readonly assigned: number; readonly capacity: number }
	| { readonly kind: 'missing_pin'; readonly pair: Pair };

interface Lookup {
	demands: Map<string, MatchingInstance['demands'][number]>;
	volunteers: Map<string, MatchingInstance['volunteers'][number]>;
	minutes(fromVolunteerDistrict: string, toDemandDistrict: string): number | null;
}

function lookup(instance: MatchingInstance): Lookup {
	const district = new Map(instance.districts.map((id, i) => [id, i]));
	return {
		demands: new Map(instance.demands.map((d) => [d.id, d])),
		volunteers: new Map(instance.volunteers.map((v) => [v.id, v])),
		minutes: (from, to) => instance.travelMinutes[district.get(from) ?? -1]?.[district.get(to) ?? -1] ?? null
	};
}

const key = ([d, v]: Pair) => `${d}\u0000${v}`;

/**
 * The objective of an assignment: the scores of its pairs minus each volunteer's load cost.
 * Throws when a pair names an unknown id or is not eligible by attributes (it has no score);
 * other constraints are `validateAssignment`'s business.
 */
export function objectiveOf(instance: MatchingInstance, assignments: readonly Pair[], weights: ScoringWeights = REFERENCE_WEIGHTS): number {
	const { demands, volunteers, minutes } = lookup(instance);
	const load = new Map<string, number>();
	let total = 0;
	for (const pair of assignments) {
		const d = demands.get(pair[0]);
		const v = volunteers.get(pair[1]);
		if (!d || !v) throw new MatchingInputError(`assignment (${pair[0]}, ${pair[1]}) names an unknown ${d ? 'volunteer' : 'demand'}`);
		const { best } = assessPair(d, v, minutes(v.district, d.district), false, weights);
		if (!best) throw new MatchingInputError(`assignment (${pair[0]}, ${pair[1]}) is not eligible, so it has no score`);
		total += best.score;
		load.set(v.id, (load.get(v.id) ?? 0) + 1);
	}
	for (const k of load.values()) total -= loadCost(k, weights);
	return total;
}

/** Every constraint the assignment breaks; empty when it is a feasible solution. */
export function validateAssignment(
	instance: MatchingInstance,
	assignments: readonly Pair[],
	weights: ScoringWeights = REFERENCE_WEIGHTS
): Violation[] {
	const { demands, volunteers, minutes } = lookup(instance);
	const forbidden = new Set(instance.forbidden.map(key));
	const seen = new Set<string>();
	const perDemand = new Map<string, number>();
	const perVolunteer = new Map<string, number>();
	const violations: Violation[] = [];
	for (const pair of assignments) {
		const d = demands.get(pair[0]);
		const v = volunteers.get(pair[1]);
		if (!d) violations.push({ kind: 'unknown_demand', pair });
		if (!v) violations.push({ kind: 'unknown_volunteer', pair });
		if (!d || !v) continue;
		if (seen.has(key(pair))) {
			violations.push({ kind: 'duplicate', pair });
			continue;
		}
		seen.add(key(pair));
		const { eligible, failures } = assessPair(d, v, minutes(v.district, d.district), forbidden.has(key(pair)), weights);
		if (!eligible) violations.push({ kind: 'ineligible', pair, failures });
		perDemand.set(d.id, (perDemand.get(d.id) ?? 0) + 1);
		perVolunteer.set(v.id, (perVolunteer.get(v.id) ?? 0) + 1);
	}
	for (const [id, assigned] of perDemand) {
		const { seats } = demands.get(id)!;
		if (assigned > seats) violations.push({ kind: 'over_seats', demandId: id, assigned, seats });
	}
	for (const [id, assigned] of perVolunteer) {
		const { capacity } = volunteers.get(id)!;
		if (assigned > capacity) violations.push({ kind: 'over_capacity', volunteerId: id, assigned, capacity });
	}
	for (const pair of instance.pinned) if (!seen.has(key(pair))) violations.push({ kind: 'missing_pin', pair });
	return violations;
}
