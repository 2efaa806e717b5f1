// Why a session was left out: for every day of its window inside the horizon, what blocked
// it, against the final timetable. Constraints on the session alone (hours, leave,
// blackout) come first; when the day itself was open, the sessions in the way.
import { dayNumber, formatDate, minuteOfDay, weekdayOf } from './calendar';
import type { Model } from './model';
import type { Timetable } from './timetable';
import type { Blocker, DayExplanation, UnscheduledExplanation, Weekday, WeeklyInterval } from './types';

/** Whether some slot-aligned stretch of `minutes` lies inside one of the intervals on that weekday. */
function hasStretch(weekly: readonly WeeklyInterval[], weekday: number, minutes: number, slot: number): boolean {
	return weekly.some((w) => {
		if (w.weekday !== weekday) return false;
		const first = Math.ceil(minuteOfDay(w.from)! / slot) * slot;
		return first + minutes <= Math.min(minuteOfDay(w.to)!, 1440);
	});
}

const covering = (ranges: readonly { from: string; to: string }[], date: string) => ranges.find((r) => r.from <= date && date <= r.to);

export function explainUnscheduled(model: Model, tt: Timetable, s: number): UnscheduledExplanation {
	const { instance } = model;
	const session = instance.sessions[s];
	const unit = model.units[model.unitOf[s]];
	const series = unit.sessions.length > 1 ? unit.sessions.map((t) => instance.sessions[t].id) : null;
	const school = instance.schools[model.schoolOf[s]];
	const volunteers = Array.from(model.volunteersOf[s], (v) => instance.volunteers[v]);
	const slot = instance.horizon.slotMinutes;
	const cand = model.candidates[s];
	const byDay = new Map<number, number[]>();
	cand.day.forEach((d, c) => byDay.set(d, [...(byDay.get(d) ?? []), c]));
	const idOf = (t: number) => instance.sessions[t].id;

	const days: DayExplanation[] = [];
	const windowFrom = Math.max(0, dayNumber(session.window.from)! - model.firstDay);
	const windowTo = Math.min(model.days - 1, dayNumber(session.window.to)! - model.firstDay);
	for (let d = windowFrom; d <= windowTo; d++) {
		const date = formatDate(model.firstDay + d);
		const weekday = weekdayOf(model.firstDay + d) as Weekday;
		const blockers: Blocker[] = [];
		for (const v of volunteers) {
			const leave = covering(v.leave, date);
			if (leave) blockers.push({ code: 'volunteer_leave', volunteer: v.id, leave });
		}
		const blackout = covering(school.blackout, date);
		if (blackout) blockers.push({ code: 'school_blackout', school: school.id, blackout });
		for (const v of volunteers)
			if (!hasStretch(v.weekly, weekday, session.minutes, slot))
				blockers.push({ code: 'volunteer_hours', volunteer: v.id, weekday, weekly: v.weekly });
		if (!hasStretch(school.weekly, weekday, session.minutes, slot))
			blockers.push({ code: 'school_hours', school: school.id, weekday, weekly: school.weekly });
		if (school.rooms === 0) blockers.push({ code: 'rooms_full', school: school.id, rooms: 0, sessions: [] });
		for (const v of volunteers) if (v.maxPerWeek === 0) blockers.push({ code: 'weekly_cap', volunteer: v.id, maxPerWeek: 0, sessions: [] });
		if (blockers.length === 0) blockers.push(...inTheWay(model, tt, s, byDay.get(d) ?? [], idOf, series));
		days.push({ date, blockers });
	}
	return { session: session.id, series, windowOutsideHorizon: windowFrom > windowTo, days };
}

/** For a day whose own constraints allow the session: what the other placed sessions block. */
function inTheWay(
	model: Model,
	tt: Timetable,
	s: number,
	candidates: readonly number[],
	idOf: (t: number) => string,
	series: readonly string[] | null
): Blocker[] {
	const { instance } = model;
	const school = instance.schools[model.schoolOf[s]];
	if (!candidates.length) return [{ code: 'no_common_time', volunteers: instance.sessions[s].volunteers, school: school.id }];
	const busy = new Map<string, Set<string>>();
	const travel = new Map<string, Set<string>>();
	const full = new Map<string, Set<string>>();
	const rooms = new Set<string>();
	const add = (map: Map<string, Set<string>>, key: string, id: string) => map.set(key, (map.get(key) ?? new Set()).add(id));
	const from = (c: number) => model.candidates[s].minute[c];
	for (const c of candidates) {
		const clashes = tt.clashes(s, c);
		if (!clashes.length) return [series ? { code: 'series_incomplete', series } : { code: 'not_worth_it' }];
		const d = model.candidates[s].day[c];
		for (const clash of clashes) {
			const t = clash.session;
			if (clash.constraint === 5) rooms.add(idOf(t));
			const shared = Array.from(model.volunteersOf[s]).filter((v) => model.volunteersOf[t].includes(v));
			for (const v of shared) {
				const vid = instance.volunteers[v].id;
				if (clash.constraint === 6) for (const w of tt.volunteerWeek(v, model.weekOfDay[d])) add(full, vid, idOf(w));
				else if (clash.constraint === 4) {
					const overlaps = tt.start(t) < from(c) + model.minutes[s] && from(c) < tt.start(t) + model.minutes[t];
					add(overlaps ? busy : travel, vid, idOf(t));
				}
			}
		}
	}
	const blockers: Blocker[] = [];
	for (const [volunteer, ids] of busy) blockers.push({ code: 'volunteer_busy', volunteer, sessions: [...ids] });
	for (const [volunteer, ids] of travel) blockers.push({ code: 'travel', volunteer, sessions: [...ids] });
	if (rooms.size) blockers.push({ code: 'rooms_full', school: school.id, rooms: school.rooms, sessions: [...rooms] });
	for (const [volunteer, ids] of full)
		blockers.push({
			code: 'weekly_cap',
			volunteer,
			maxPerWeek: instance.volunteers.find((v) => v.id === volunteer)!.maxPerWeek,
			sessions: [...ids]
		});
	return blockers;
}
