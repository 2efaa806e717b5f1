// Who could take a seat someone gave up, best first, each with why: the matching engine's own
// eligibility and score (`assessPair`) less the cost of one more need for that volunteer, and,
// when the seat's sessions already have dates, whether the volunteer can make each of them
// (weekly free time, approved leave, the weekly cap, sessions they already hold). Those who
// cannot make every date rank below those who can, with each reason.
// Pure: bookings (约课) and re-plans load the candidates and call this, so both rank alike.
import { addDays, dateToDay, toWallClock, type Day } from '../../domain/dates';
import { boardMinutes, demandFromBoard, volunteerFromBoard, type BoardMatchingDemand, type BoardMatchingVolunteer } from './board-adapter';
import { assessPair, marginalLoadCost } from './eligibility';
import type { SessionMode } from './types';

/** A dated session, as stored (UTC instants); read in the committees' wall clock. */
export interface TimeSpan {
	startsAt: Date;
	endsAt: Date;
}

export interface SubstituteCandidate extends BoardMatchingVolunteer {
	name: string;
	category: string;
	/** Needs of the round the volunteer already holds. */
	load: number;
	/** Weekly free time (weekday 1 = Monday, minutes of the wall-clock day). */
	availability?: readonly { weekday: number; fromMinute: number; toMinute: number }[];
	/** Dated sessions the volunteer already holds (any round). */
	busy?: readonly TimeSpan[];
}

/** Why a volunteer cannot make one of the seat's dated sessions. */
export type SlotConflict =
	| { kind: 'hours'; startsAt: string; free: readonly { weekday: number; fromMinute: number; toMinute: number }[] }
	| { kind: 'leave'; startsAt: string; leaveFrom: Day; leaveTo: Day }
	| { kind: 'busy'; startsAt: string; otherStartsAt: string }
	| { kind: 'weekly_cap'; startsAt: string; sessions: number; max: number };

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
	/** Can make every dated session of the seat (true when none is dated yet). */
	available: boolean;
	/** Why not, per dated session (empty when available). */
	conflicts: SlotConflict[];
}

/** The scheduler's weekly cap, as the scheduling instance derives it. */
export const weeklyCapOf = (v: Pick<BoardMatchingVolunteer, 'monthlyCapacity'>) => Math.max(1, v.monthlyCapacity);

const mondayOf = (day: Day, weekday: number) => addDays(day, 1 - weekday);

/** What keeps `v` from the seat's dated sessions, in session order. */
export function slotConflicts(v: SubstituteCandidate, slots: readonly TimeSpan[]): SlotConflict[] {
	const conflicts: SlotConflict[] = [];
	const free = v.availability ?? [];
	const busy = v.busy ?? [];
	const max = weeklyCapOf(v);
	const weekOf = (at: Date) => {
		const w = toWallClock(at);
		return mondayOf(w.day, w.weekday);
	};
	const perWeek = new Map<Day, number>();
	for (const b of busy) perWeek.set(weekOf(b.startsAt), (perWeek.get(weekOf(b.startsAt)) ?? 0) + 1);
	const sorted = [...slots].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
	for (const slot of sorted) {
		const startsAt = slot.startsAt.toISOString();
		const from = toWallClock(slot.startsAt);
		const to = toWallClock(slot.endsAt);
		const end = to.day === from.day ? to.minute : 1440;
		if (!free.some((f) => f.weekday === from.weekday && f.fromMinute <= from.minute && end <= f.toMinute))
			conflicts.push({ kind: 'hours', startsAt, free: [...free].sort((a, b) => a.weekday - b.weekday || a.fromMinute - b.fromMinute) });
		const leave = v.leaves?.find((l) => dateToDay(l.fromDate) <= from.day && from.day <= dateToDay(l.toDate));
		if (leave) conflicts.push({ kind: 'leave', startsAt, leaveFrom: dateToDay(leave.fromDate), leaveTo: dateToDay(leave.toDate) });
		const clash = busy.find((b) => b.startsAt < slot.endsAt && slot.startsAt < b.endsAt);
		if (clash) conflicts.push({ kind: 'busy', startsAt, otherStartsAt: clash.startsAt.toISOString() });
		// The seat's own earlier sessions count towards the week too.
		const week = weekOf(slot.startsAt);
		const count = (perWeek.get(week) ?? 0) + 1;
		perWeek.set(week, count);
		if (count > max) conflicts.push({ kind: 'weekly_cap', startsAt, sessions: count, max });
	}
	return conflicts;
}

export function rankSubstitutes(
	demand: BoardMatchingDemand,
	candidates: readonly SubstituteCandidate[],
	round: { fromDate: Date; toDate: Date },
	travel: Readonly<Record<string, Readonly<Record<string, number>>>>,
	options: { exclude: ReadonlySet<string>; limit?: number; slots?: readonly TimeSpan[] }
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
		const conflicts = slotConflicts(v, options.slots ?? []);
		ranked.push({
			volunteerId: v.id,
			name: v.name,
			category: v.category,
			mode: best.mode,
			travelMinutes: best.minutes,
			load: v.load,
			capacity: candidate.capacity,
			score: best.score - loadCost,
			reasons: { priorityPoints: best.priorityPoints, modePenalty: best.modePenalty, loadCost },
			available: conflicts.length === 0,
			conflicts
		});
	}
	return ranked
		.sort(
			(a, b) =>
				Number(b.available) - Number(a.available) ||
				a.conflicts.length - b.conflicts.length ||
				b.score - a.score ||
				a.name.localeCompare(b.name)
		)
		.slice(0, options.limit ?? 8);
}
