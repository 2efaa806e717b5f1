// The board's records in the matching engine's shapes, so the board, the server's
// publish check and auto-match all judge a pair with the engine's one eligibility rule.
import type { MatchingDemand, MatchingVolunteer, Priority, SessionMode } from '$lib/features/matching/types';
import type { BoardDemand, BoardVolunteer } from './view-model';

export type TravelTable = Readonly<Record<string, Readonly<Record<string, number>>>>;

export function toMatchingDemand(d: BoardDemand): MatchingDemand {
	return {
		id: d.id,
		district: d.org.districtId ?? '',
		topic: d.topic,
		mode: d.mode === 'online' || d.mode === 'offline' ? d.mode : 'any',
		seats: d.seats,
		priority: (Math.min(3, Math.max(1, d.priority)) as Priority),
		language: d.language
	};
}

export function toMatchingVolunteer(v: BoardVolunteer, capacity: number): MatchingVolunteer {
	const modes: SessionMode[] = [];
	if (v.offersOffline) modes.push('offline');
	if (v.offersOnline) modes.push('online');
	return {
		id: v.id,
		district: v.homeDistrictId,
		topics: v.topics,
		modes,
		capacity,
		maxTravelMinutes: v.maxTravelMinutes,
		languages: v.languages
	};
}

/** Minutes from one district to another; a district to itself is no journey. */
export function minutesBetween(travel: TravelTable, from: string, to: string): number | null {
	if (from === to) return 0;
	return travel[from]?.[to] ?? null;
}
