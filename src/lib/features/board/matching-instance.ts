// Builds the matching engine's instance from a board: its needs, its volunteer pool with
// their capacity left for the round, the travel table, hand-placed pins and forbidden pairs.
// The browser uses it for auto-match and suggestions; the server exports the same instance.
import { roundCapacity } from '$lib/domain/capacity';
import type { MatchingInstance, Pair } from '$lib/features/matching/types';
import { toMatchingDemand, toMatchingVolunteer, type TravelTable } from './matching-bridge';
import type { BoardDemand, BoardVolunteer } from './view-model';

export interface BoardSource {
	round: { fromDate: Date; toDate: Date };
	demands: readonly BoardDemand[];
	volunteers: readonly BoardVolunteer[];
	travel: TravelTable;
}

/** Seats and capacity already taken by hand placements the engine cannot model. */
export interface HeldBack {
	seats: ReadonlyMap<string, number>;
	capacity: ReadonlyMap<string, number>;
}

const NOTHING_HELD: HeldBack = { seats: new Map(), capacity: new Map() };

export function buildMatchingInstance(
	source: BoardSource,
	pinned: readonly Pair[],
	forbidden: readonly Pair[],
	held: HeldBack = NOTHING_HELD
): MatchingInstance {
	const demands = source.demands.map((d) => {
		const demand = toMatchingDemand(d);
		return { ...demand, seats: Math.max(0, demand.seats - (held.seats.get(d.id) ?? 0)) };
	});
	const volunteers = source.volunteers.map((v) =>
		toMatchingVolunteer(
			v,
			Math.max(0, roundCapacity(v.monthlyCapacity, source.round.fromDate, source.round.toDate) - (held.capacity.get(v.id) ?? 0))
		)
	);
	const districts = [...new Set([...Object.keys(source.travel), ...demands.map((d) => d.district), ...volunteers.map((v) => v.district)])];
	const travelMinutes = districts.map((from) => districts.map((to) => (from === to ? 0 : (source.travel[from]?.[to] ?? null))));
	const demandIds = new Set(demands.map((d) => d.id));
	const volunteerIds = new Set(volunteers.map((v) => v.id));
	const known = ([d, v]: Pair) => demandIds.has(d) && volunteerIds.has(v);
	return { districts, travelMinutes, demands, volunteers, pinned: pinned.filter(known), forbidden: forbidden.filter(known) };
}
