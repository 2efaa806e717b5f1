// From the board's records (what `board.open` loads from the database) to a matching
// instance. The shapes are structural, so the board's BoardDemand / BoardVolunteer fit
// without this module importing the board. Pure: the caller does the loading.
import { roundCapacity } from '../../domain/capacity';
import { MatchingInputError } from './errors';
import type { DemandMode, MatchingDemand, MatchingInstance, MatchingVolunteer, Pair, Priority, SessionMode } from './types';

export interface BoardMatchingDemand {
	id: string;
	topic: string;
	mode: string;
	seats: number;
	priority: number;
	language: string | null;
	windowFrom: Date;
	windowTo: Date;
	org: { districtId: string | null };
}

export interface BoardMatchingVolunteer {
	id: string;
	offersOnline: boolean;
	offersOffline: boolean;
	homeDistrictId: string;
	maxTravelMinutes: number;
	monthlyCapacity: number;
	topics: readonly string[];
	languages: readonly string[];
	/** Optional: leave covering a demand's whole window rules the pair out. */
	leaves?: readonly { fromDate: Date; toDate: Date }[];
	/** Needs schools booked this volunteer for in the round (约课): off the board, but they take capacity. */
	booked?: number;
}

export interface BoardMatchingInput {
	round: { fromDate: Date; toDate: Date };
	demands: readonly BoardMatchingDemand[];
	volunteers: readonly BoardMatchingVolunteer[];
	/** Travel minutes between districts, travel[from][to], as in the board's rule context. */
	travel: Readonly<Record<string, Readonly<Record<string, number>>>>;
	/** Pairs placed by hand (the board's pinned placements). */
	pinned: readonly { demandId: string; volunteerId: string }[];
	/** Pairs coordinators ruled out. */
	forbidden: readonly { demandId: string; volunteerId: string }[];
}

/** Where a demand whose school has no district sits: no route leads there, so it can only be served online. */
export const UNKNOWN_DISTRICT = '(unknown)';

const isDemandMode = (mode: string): mode is DemandMode => mode === 'offline' || mode === 'online' || mode === 'any';
const isPriority = (p: number): p is Priority => p === 1 || p === 2 || p === 3;

export function demandFromBoard(d: BoardMatchingDemand): MatchingDemand {
	if (!isDemandMode(d.mode)) throw new MatchingInputError(`demand ${d.id}: unknown mode "${d.mode}"`);
	if (!isPriority(d.priority)) throw new MatchingInputError(`demand ${d.id}: priority must be 1, 2 or 3`);
	return {
		id: d.id,
		district: d.org.districtId ?? UNKNOWN_DISTRICT,
		topic: d.topic,
		mode: d.mode,
		seats: d.seats,
		priority: d.priority,
		language: d.language
	};
}

/** Needs the volunteer can still take on the board: the round's capacity less what schools booked directly. */
export function boardCapacity(
	v: Pick<BoardMatchingVolunteer, 'monthlyCapacity' | 'booked'>,
	round: { fromDate: Date; toDate: Date }
): number {
	return Math.max(0, roundCapacity(v.monthlyCapacity, round.fromDate, round.toDate) - (v.booked ?? 0));
}

export function volunteerFromBoard(v: BoardMatchingVolunteer, round: { fromDate: Date; toDate: Date }): MatchingVolunteer {
	return {
		id: v.id,
		district: v.homeDistrictId,
		topics: v.topics,
		modes: [...(v.offersOffline ? ['offline' as const] : []), ...(v.offersOnline ? ['online' as const] : [])] satisfies SessionMode[],
		capacity: boardCapacity(v, round),
		maxTravelMinutes: v.maxTravelMinutes,
		languages: v.languages
	};
}

/** Minutes from one district to another as the board reads its travel table: same district is 0, a missing entry is no route. */
export function boardMinutes(travel: BoardMatchingInput['travel'], from: string, to: string): number | null {
	if (from === UNKNOWN_DISTRICT || to === UNKNOWN_DISTRICT) return null;
	return from === to ? 0 : (travel[from]?.[to] ?? null);
}

export function instanceFromBoard(input: BoardMatchingInput): MatchingInstance {
	const demands = input.demands.map(demandFromBoard);
	const volunteers = input.volunteers.map((v) => volunteerFromBoard(v, input.round));

	const districts = [...new Set([...volunteers.map((v) => v.district), ...demands.map((d) => d.district), ...Object.keys(input.travel)])];
	// Same district is 0 minutes and a missing entry is no route, as the board's own rules read it.
	const travelMinutes = districts.map((from) => districts.map((to) => boardMinutes(input.travel, from, to)));

	const pinned: Pair[] = input.pinned.map((p) => [p.demandId, p.volunteerId]);
	const forbidden: Pair[] = input.forbidden.map((p) => [p.demandId, p.volunteerId]);
	// Leave through a demand's whole window blocks the pair (the board's on_leave rule), except
	// where a coordinator pinned it anyway: the board shows that conflict, auto-match keeps the pin.
	const pinnedKeys = new Set(pinned.map(([d, v]) => `${d}\u0000${v}`));
	for (const v of input.volunteers) {
		for (const leave of v.leaves ?? []) {
			for (const d of input.demands) {
				const covered = leave.fromDate <= d.windowFrom && leave.toDate >= d.windowTo;
				if (covered && v.topics.includes(d.topic) && !pinnedKeys.has(`${d.id}\u0000${v.id}`)) forbidden.push([d.id, v.id]);
			}
		}
	}
	return { districts, travelMinutes, volunteers, demands, pinned, forbidden };
}
