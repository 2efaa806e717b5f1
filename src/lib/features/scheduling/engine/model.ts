// The instance as indexed arrays for the solver: every session's feasible (day, start)
// candidates under the constraints that involve it alone (1-3), with their cost, so the
// search only ever checks the constraints between sessions (4-7).
import { dayNumber, minuteOfDay, weekdayOf, weekOf } from './calendar';
import type { SchedulingInstance, WeeklyInterval } from './types';

export const UNSCHEDULED_WEIGHT = 1000;
export const MOVE_COST = 200;

/** A unit of placement: one session, or a series placed whole. */
export interface Unit {
	readonly sessions: readonly number[];
	/** Days between consecutive sessions' dates, at least 1. */
	readonly gap: number;
	/** Cost of leaving the whole unit out. */
	readonly penalty: number;
	/** Fixed sessions and the series holding them: placed first, never moved. */
	readonly locked: boolean;
}

export interface Candidates {
	/** Day index from the horizon's start. */
	readonly day: Int32Array;
	readonly minute: Int32Array;
	readonly cost: Int32Array;
	/** Candidate indices by (cost, day, minute): the search's order of preference. */
	readonly order: Int32Array;
}

export interface Model {
	readonly instance: SchedulingInstance;
	readonly firstDay: number;
	readonly days: number;
	readonly weeks: number;
	/** Week index (0-based from the horizon's first week) of each day index. */
	readonly weekOfDay: Int32Array;
	readonly volunteersOf: readonly Int32Array[];
	readonly schoolOf: Int32Array;
	readonly districtOf: Int32Array;
	readonly offline: Uint8Array;
	readonly minutes: Int32Array;
	readonly maxPerWeek: Int32Array;
	readonly rooms: Int32Array;
	readonly travel: readonly (readonly number[])[];
	readonly candidates: readonly Candidates[];
	/** Cost of leaving each session out (priority, plus the move cost if it was published). */
	readonly unscheduledCost: Int32Array;
	readonly units: readonly Unit[];
	readonly unitOf: Int32Array;
	/** Sessions with a fixed start; their only candidate is that start (if it passes 1-3). */
	readonly fixed: Uint8Array;
	/** Per session: the candidate of its `previous` start, or -1. */
	readonly previousCandidate: Int32Array;
}

/** Per weekday 1-7, the [from, to) minutes of an entity's weekly intervals. */
function byWeekday(weekly: readonly WeeklyInterval[], clock: (text: string) => number): [number, number][][] {
	const days: [number, number][][] = Array.from({ length: 8 }, () => []);
	for (const w of weekly) days[w.weekday].push([clock(w.from), clock(w.to)]);
	return days;
}

/** Slot-aligned starts of a `minutes`-long session inside one of the intervals, per weekday 1-7. */
function startsByWeekday(hours: readonly [number, number][][], minutes: number, slot: number): number[][] {
	return hours.map((intervals) => {
		const starts = new Set<number>();
		for (const [from, to] of intervals) for (let m = Math.ceil(from / slot) * slot; m + minutes <= to; m += slot) starts.add(m);
		return [...starts].sort((a, b) => a - b);
	});
}

/** The starts common to every list (each sorted). */
function intersect(lists: readonly number[][]): number[] {
	return lists.reduce((common, list) => common.filter((m) => list.includes(m)));
}

/** `make(i)`, computed once per `i` and only when asked for. */
function lazy<T>(make: (i: number) => T): (i: number) => T {
	const made: T[] = [];
	return (i) => (made[i] ??= make(i));
}

/** Per horizon day, 1 when some range covers it. */
function dayMask(
	ranges: readonly { from: string; to: string }[],
	date: (text: string) => number,
	firstDay: number,
	days: number
): Uint8Array {
	const mask = new Uint8Array(days);
	for (const r of ranges) {
		const from = Math.max(0, date(r.from) - firstDay);
		const to = Math.min(days - 1, date(r.to) - firstDay);
		for (let d = from; d <= to; d++) mask[d] = 1;
	}
	return mask;
}

export function buildModel(instance: SchedulingInstance): Model {
	const { horizon } = instance;
	const dates = new Map<string, number>();
	const date = (text: string) => {
		let day = dates.get(text);
		if (day === undefined) dates.set(text, (day = dayNumber(text)!));
		return day;
	};
	const firstDay = date(horizon.start);
	const days = horizon.days;
	const weekOfDay = Int32Array.from({ length: days }, (_, d) => weekOf(firstDay + d) - weekOf(firstDay));
	const weeks = weekOfDay[days - 1] + 1;
	const districtIndex = new Map(instance.districts.map((d, i) => [d, i]));
	const volunteerIndex = new Map(instance.volunteers.map((v, i) => [v.id, i]));
	const schoolIndex = new Map(instance.schools.map((s, i) => [s.id, i]));
	const sessionIndex = new Map(instance.sessions.map((s, i) => [s.id, i]));
	// Per entity, built on first use: a re-plan with most sessions fixed touches few of them.
	const leave = lazy((v) => dayMask(instance.volunteers[v].leave, date, firstDay, days));
	const blackout = lazy((s) => dayMask(instance.schools[s].blackout, date, firstDay, days));
	const n = instance.sessions.length;

	// Validated starts: their date and time parts repeat across thousands of sessions.
	const clocks = new Map<string, number>();
	const clock = (text: string) => {
		let minute = clocks.get(text);
		if (minute === undefined) clocks.set(text, (minute = minuteOfDay(text)!));
		return minute;
	};
	const start = (text: string) => ({ day: date(text.slice(0, 10)), minute: clock(text.slice(11)) });
	const fixedStart = new Map(instance.fixed.map((f) => [f.session, start(f.start)]));
	const previousStart = new Map(instance.previous.map((p) => [p.session, start(p.start)]));
	const fixed = new Uint8Array(n);
	const previousCandidate = new Int32Array(n).fill(-1);
	const unscheduledCost = new Int32Array(n);
	const volunteersOf = instance.sessions.map((s) => Int32Array.from(s.volunteers, (v) => volunteerIndex.get(v)!));
	const schoolOf = Int32Array.from(instance.sessions, (s) => schoolIndex.get(s.school)!);
	const maxPerWeek = Int32Array.from(instance.volunteers, (v) => v.maxPerWeek);
	const rooms = Int32Array.from(instance.schools, (s) => s.rooms);

	const schoolHours = lazy((s) => byWeekday(instance.schools[s].weekly, clock));
	const volunteerHours = lazy((v) => byWeekday(instance.volunteers[v].weekly, clock));
	// Many sessions share a school, a volunteer, a pair or a length: compute each once.
	const entityStarts = new Map<string, number[][]>();
	const startsOf = (key: string, hours: readonly [number, number][][], minutes: number) => {
		let starts = entityStarts.get(`${key} ${minutes}`);
		if (!starts) entityStarts.set(`${key} ${minutes}`, (starts = startsByWeekday(hours, minutes, horizon.slotMinutes)));
		return starts;
	};
	const startsCache = new Map<string, number[][]>();
	const startsFor = (i: number) => {
		const vols = volunteersOf[i];
		const minutes = instance.sessions[i].minutes;
		const key = `${schoolOf[i]} ${minutes} ${vols.join(' ')}`;
		let starts = startsCache.get(key);
		if (!starts) {
			const lists = [startsOf(`s${schoolOf[i]}`, schoolHours(schoolOf[i]), minutes)];
			for (const v of vols) lists.push(startsOf(`v${v}`, volunteerHours(v), minutes));
			startsCache.set(key, (starts = lists[0].map((_, weekday) => intersect(lists.map((l) => l[weekday])))));
		}
		return starts;
	};
	// A fixed session has one possible start: test it alone against the entities' own hours,
	// leave and blackouts, without building their per-weekday and per-day tables (a re-plan
	// fixes thousands of sessions of hundreds of people and schools it never needs them for).
	const covers = (ranges: readonly { from: string; to: string }[], day: number) =>
		ranges.some((r) => date(r.from) <= day && day <= date(r.to));
	const fixedFits = (i: number, fix: { day: number; minute: number }) => {
		const s = instance.sessions[i];
		const d = fix.day - firstDay;
		if (d < 0 || d >= days || fix.day < date(s.window.from) || fix.day > date(s.window.to) || fix.minute % horizon.slotMinutes)
			return false;
		const weekday = weekdayOf(fix.day);
		const end = fix.minute + s.minutes;
		const inside = (weekly: readonly WeeklyInterval[]) =>
			weekly.some((w) => w.weekday === weekday && clock(w.from) <= fix.minute && end <= clock(w.to));
		const school = instance.schools[schoolOf[i]];
		if (!inside(school.weekly) || covers(school.blackout, fix.day)) return false;
		for (const v of volunteersOf[i]) {
			const volunteer = instance.volunteers[v];
			if (!inside(volunteer.weekly) || covers(volunteer.leave, fix.day)) return false;
		}
		return true;
	};
	// Every session's candidates in one growing list per field, then views into one buffer each:
	// thousands of small typed arrays cost more in allocation and collection than the search.
	const dayAll: number[] = [];
	const minuteAll: number[] = [];
	const costAll: number[] = [];
	const orderAll: number[] = [];
	const offset = new Int32Array(n + 1);
	instance.sessions.forEach((s, i) => {
		const first = dayAll.length;
		const vols = volunteersOf[i];
		const prev = previousStart.get(s.id);
		unscheduledCost[i] = UNSCHEDULED_WEIGHT * s.priority + (prev ? MOVE_COST : 0);
		const windowFrom = date(s.window.from);
		const vetoed = rooms[schoolOf[i]] === 0 || vols.some((v) => maxPerWeek[v] === 0);
		const fix = fixedStart.get(s.id);
		if (fix) {
			fixed[i] = 1;
			if (!vetoed && fixedFits(i, fix)) {
				const kept = prev !== undefined && prev.day === fix.day && prev.minute === fix.minute;
				if (kept) previousCandidate[i] = 0;
				dayAll.push(fix.day - firstDay);
				minuteAll.push(fix.minute);
				costAll.push(fix.day - windowFrom + (prev && !kept ? MOVE_COST : 0));
			}
		} else if (!vetoed) {
			const starts = startsFor(i);
			const from = Math.max(0, windowFrom - firstDay);
			const to = Math.min(days - 1, date(s.window.to) - firstDay);
			for (let d = from; d <= to; d++) {
				if (blackout(schoolOf[i])[d]) continue;
				let away = false;
				for (const v of vols) if (leave(v)[d]) away = true;
				if (away) continue;
				for (const m of starts[weekdayOf(firstDay + d)]) {
					const kept = prev !== undefined && prev.day === firstDay + d && prev.minute === m;
					if (kept) previousCandidate[i] = dayAll.length - first;
					dayAll.push(d);
					minuteAll.push(m);
					costAll.push(firstDay + d - windowFrom + (prev && !kept ? MOVE_COST : 0));
				}
			}
		}
		// Generated by (day, minute), so by cost too, except that a kept previous start is 200 cheaper: insert it.
		const count = dayAll.length - first;
		const kept = previousCandidate[i];
		let inserted = kept < 0;
		for (let c = 0; c < count; c++) {
			if (c === kept) continue;
			if (!inserted && costAll[first + c] > costAll[first + kept]) {
				orderAll.push(kept);
				inserted = true;
			}
			orderAll.push(c);
		}
		if (!inserted) orderAll.push(kept);
		offset[i + 1] = dayAll.length;
	});
	const view = (all: number[]) => {
		const buffer = Int32Array.from(all);
		return (i: number) => buffer.subarray(offset[i], offset[i + 1]);
	};
	const [dayOf, minuteOf, costOf, orderOf] = [view(dayAll), view(minuteAll), view(costAll), view(orderAll)];
	const candidates = Array.from({ length: n }, (_, i): Candidates => ({
		day: dayOf(i),
		minute: minuteOf(i),
		cost: costOf(i),
		order: orderOf(i)
	}));

	const unitOf = new Int32Array(n).fill(-1);
	const units: Unit[] = [];
	const addUnit = (sessions: number[], gap: number) => {
		const locked = sessions.some((s) => fixed[s]);
		for (const s of sessions) unitOf[s] = units.length;
		units.push({ sessions, gap, locked, penalty: sessions.reduce((sum, s) => sum + unscheduledCost[s], 0) });
	};
	for (const series of instance.series)
		addUnit(
			series.sessions.map((id) => sessionIndex.get(id)!),
			Math.max(1, series.minGapDays)
		);
	for (let i = 0; i < n; i++) if (unitOf[i] < 0) addUnit([i], 1);

	return {
		instance,
		firstDay,
		days,
		weeks,
		weekOfDay,
		volunteersOf,
		schoolOf,
		districtOf: Int32Array.from(schoolOf, (s) => districtIndex.get(instance.schools[s].district)!),
		offline: Uint8Array.from(instance.sessions, (s) => (s.mode === 'offline' ? 1 : 0)),
		minutes: Int32Array.from(instance.sessions, (s) => s.minutes),
		maxPerWeek,
		rooms,
		travel: instance.travelMinutes,
		candidates,
		unscheduledCost,
		units,
		unitOf,
		fixed,
		previousCandidate
	};
}
