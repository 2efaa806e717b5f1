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

export function buildMatchingInstance(source: BoardSource, pinned: readonly Pair[], forbidden: readonly Pair[]): MatchingInstance {
	const demands = source.demands.map(toMatchingDemand);
	const volunteers = source.volunteers.map((v) =>
		toMatchingVolunteer(v, roundCapacity(v.monthlyCapacity, source.round.fromDate, source.round.toDate))
	);
	const districts = [...new Set([...Object.keys(source.travel), ...demands.map((d) => d.district), ...volunteers.map((v) => v.district)])];
	const travelMinutes = districts.map((from) => districts.map((to) => (from === to ? 0 : (source.travel[from]?.[to] ?? null))));
	const demandIds = new Set(demands.map((d) => d.id));
	const volunteerIds = new Set(volunteers.map((v) => v.id));
	const known = ([d, v]: Pair) => demandIds.has(d) && volunteerIds.has(v);
	return { districts, travelMinutes, demands, volunteers, pinned: pinned.filter(known), forbidden: forbidden.filter(known) };
}
