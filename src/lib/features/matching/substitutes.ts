// Who could take a seat someone gave up, best first, each with why: the matching engine's own
// eligibility and score (`assessPair`) less the cost of one more need for that volunteer.
// Pure: bookings (约课) and re-plans load the candidates and call this, so both rank alike.
import { boardMinutes, demandFromBoard, volunteerFromBoard, type BoardMatchingDemand, type BoardMatchingVolunteer } from './board-adapter';
import { assessPair, marginalLoadCost } from './eligibility';
import type { SessionMode } from './types';

export interface SubstituteCandidate extends BoardMatchingVolunteer {
	name: string;
	category: string;
	/** Needs of the round the volunteer already holds. */
	load: number;
}

export interface Substitute {
	volunteerId: string;
	name: string;
	category: string;
	mode: SessionMode;
	travelMinutes: number | null;
	load: number;
	capacity: number;
	/** The pair's score less the cost of one more need: what the ranking sorts by. */
	score: number;
	/** The score by its terms, for the reasons shown next to each name. */
	reasons: { priorityPoints: number; modePenalty: number; loadCost: number };
}

export function rankSubstitutes(
	demand: BoardMatchingDemand,
	candidates: readonly SubstituteCandidate[],
	round: { fromDate: Date; toDate: Date },
	travel: Readonly<Record<string, Readonly<Record<string, number>>>>,
	options: { exclude: ReadonlySet<string>; limit?: number }
): Substitute[] {
	const need = demandFromBoard(demand);
	const ranked: Substitute[] = [];
	for (const v of candidates) {
		if (options.exclude.has(v.id)) continue;
		// Leave through the whole window rules a volunteer out, as on the board.
		if (v.leaves?.some((l) => l.fromDate <= demand.windowFrom && l.toDate >= demand.windowTo)) continue;
		const candidate = volunteerFromBoard(v, round);
		const { eligible, best } = assessPair(need, candidate, boardMinutes(travel, candidate.district, need.district));
		if (!eligible || !best || v.load >= candidate.capacity) continue;
		const loadCost = marginalLoadCost(v.load + 1);
		ranked.push({
			volunteerId: v.id,
			name: v.name,
			category: v.category,
			mode: best.mode,
			travelMinutes: best.minutes,
			load: v.load,
			capacity: candidate.capacity,
			score: best.score - loadCost,
			reasons: { priorityPoints: best.priorityPoints, modePenalty: best.modePenalty, loadCost }
		});
	}
	return ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, options.limit ?? 8);
}
