// An independent checker of the format's eight hard constraints and its cost, written
// straight from shared/formats/scheduling.md. It shares no code with the solver (not even
// date arithmetic), so a bug in the solver's feasibility logic cannot hide here too. Tests
// run it on every result; the calendar's drag-to-move runs it on a proposed timetable; the
// engine runs it on the fixed starts alone to name an infeasible fixed set.
import type { ConstraintNumber, Placement, SchedulingInstance, SchedulingSession, Violation } from './types';

const ISO_START = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a real date, or NaN. */
function ordinal(y: number, m: number, d: number): number {
	const t = new Date(Date.UTC(y, m - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? t.getTime() / 86_400_000 : NaN;
}

function parseDate(text: string): number {
	const m = ISO_DATE.exec(text);
	return m ? ordinal(+m[1], +m[2], +m[3]) : NaN;
}

function parseClock(text: string): number {
	const [h, m] = text.split(':').map(Number);
	return h * 60 + m;
}

/** `parse`, remembering each text's value: instances repeat the same few dates and times thousands of times. */
function memo(parse: (text: string) => number): (text: string) => number {
	const seen = new Map<string, number>();
	return (text) => {
		let value = seen.get(text);
		if (value === undefined) seen.set(text, (value = parse(text)));
		return value;
	};
}

interface Placed {
	readonly index: number;
	readonly session: SchedulingSession;
	readonly start: string;
	readonly date: number;
	readonly from: number;
	readonly to: number;
}

export interface CheckOptions {
	/**
	 * Check only the constraints that involve at least one of these sessions (rule 8 is still
	 * checked for every fixed session). A re-plan places a few sessions among thousands of
	 * fixed ones: their clashes are what can be new, and a full check would cost as much as
	 * re-planning the whole timetable.
	 */
	readonly touching?: ReadonlySet<string>;
}

export function checkPlacements(instance: SchedulingInstance, placements: readonly Placement[], options: CheckOptions = {}): Violation[] {
	const { touching } = options;
	const violations: Violation[] = [];
	const dateOrdinal = memo(parseDate);
	const clock = memo(parseClock);
	const order = new Map(instance.sessions.map((s, i) => [s.id, i]));
	const add = (constraint: ConstraintNumber, rule: Violation['rule'], ids: readonly string[], reason: string) =>
		violations.push({ constraint, rule, sessions: [...new Set(ids)].sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1)), reason });
	const volunteers = new Map(instance.volunteers.map((v) => [v.id, v]));
	const schools = new Map(instance.schools.map((s) => [s.id, s]));
	const districtIndex = new Map(instance.districts.map((d, i) => [d, i]));
	const { slotMinutes } = instance.horizon;
	const firstDay = dateOrdinal(instance.horizon.start);
	const lastDay = firstDay + instance.horizon.days - 1;
	const within = (date: number, ranges: readonly { from: string; to: string }[]) =>
		ranges.find((r) => dateOrdinal(r.from) <= date && date <= dateOrdinal(r.to));
	const fits = (weekly: readonly { weekday: number; from: string; to: string }[], weekday: number, from: number, to: number) =>
		weekly.some((w) => w.weekday === weekday && clock(w.from) <= from && to <= clock(w.to));

	// In a scoped check, the placements that could clash with a touching one: those sharing a
	// volunteer or a school with it, and the members of its series.
	let related: ((session: SchedulingSession) => boolean) | null = null;
	if (touching) {
		const people = new Set<string>();
		const schoolIds = new Set<string>();
		const seriesMembers = new Set<string>();
		for (const id of touching) {
			const session = instance.sessions[order.get(id) ?? -1];
			if (!session) continue;
			schoolIds.add(session.school);
			for (const v of session.volunteers) people.add(v);
		}
		for (const series of instance.series)
			if (series.sessions.some((id) => touching.has(id))) for (const id of series.sessions) seriesMembers.add(id);
		related = (session) =>
			touching.has(session.id) ||
			schoolIds.has(session.school) ||
			seriesMembers.has(session.id) ||
			session.volunteers.some((v) => people.has(v));
	}
	const inScope = (...list: readonly Placed[]) => !touching || list.some((p) => touching.has(p.session.id));

	const placed = new Map<string, Placed>();
	const starts = new Map<string, string>();
	for (const p of placements) {
		const index = order.get(p.session);
		if (index === undefined) {
			add(0, 'listing', [p.session], `${p.session} is not a session of the instance`);
			continue;
		}
		if (starts.has(p.session)) {
			add(0, 'listing', [p.session], `${p.session} is placed more than once`);
			continue;
		}
		starts.set(p.session, p.start);
		const session = instance.sessions[index];
		if (related && !related(session)) continue;
		const m = ISO_START.exec(p.start);
		const date = m ? dateOrdinal(p.start.slice(0, 10)) : NaN;
		const from = m ? +m[4] * 60 + +m[5] : NaN;
		if (!m || Number.isNaN(date) || +m[5] > 59 || from >= 1440) {
			add(1, 'slot', [p.session], `${p.session} starts at "${p.start}", not a real YYYY-MM-DDTHH:MM`);
			continue;
		}
		const to = from + session.minutes;
		placed.set(p.session, { index, session, start: p.start, date, from, to });
		if (touching && !touching.has(p.session)) continue;
		const at = `${p.session} at ${p.start}`;
		if (from % slotMinutes !== 0) add(1, 'slot', [p.session], `${at} is not on a ${slotMinutes}-minute slot boundary`);
		if (to > 1440) add(1, 'slot', [p.session], `${at} runs past midnight`);
		if (date < firstDay || date > lastDay) add(1, 'horizon', [p.session], `${at} is outside the horizon`);
		if (date < dateOrdinal(session.window.from) || date > dateOrdinal(session.window.to))
			add(1, 'window', [p.session], `${at} is outside its window ${session.window.from} to ${session.window.to}`);
		const weekday = ((((date + 3) % 7) + 7) % 7) + 1;
		for (const vid of session.volunteers) {
			const v = volunteers.get(vid);
			if (!v) continue;
			if (!fits(v.weekly, weekday, from, to))
				add(2, 'volunteer_hours', [p.session], `${at} is outside the weekly hours of volunteer ${vid}`);
			const leave = within(date, v.leave);
			if (leave) add(2, 'volunteer_leave', [p.session], `${at}: volunteer ${vid} is on leave ${leave.from} to ${leave.to}`);
		}
		const school = schools.get(session.school);
		if (school) {
			if (!fits(school.weekly, weekday, from, to))
				add(3, 'school_hours', [p.session], `${at} is outside the visiting hours of school ${school.id}`);
			const blackout = within(date, school.blackout);
			if (blackout) add(3, 'school_blackout', [p.session], `${at}: school ${school.id} is closed ${blackout.from} to ${blackout.to}`);
		}
	}

	/** Placed sessions by an id (a volunteer's or a school's), then by a number (a date or a week). */
	const groups = (ids: (p: Placed) => readonly string[], bucket: (p: Placed) => number) => {
		const map = new Map<string, Map<number, Placed[]>>();
		for (const p of placed.values()) {
			const b = bucket(p);
			for (const id of ids(p)) {
				let inner = map.get(id);
				if (!inner) map.set(id, (inner = new Map()));
				const list = inner.get(b);
				if (list) list.push(p);
				else inner.set(b, [p]);
			}
		}
		return [...map].flatMap(([id, inner]) => [...inner.values()].map((list) => [id, list] as const));
	};
	const byStart = (a: Placed, b: Placed) => a.date - b.date || a.from - b.from || a.index - b.index;

	// 4: overlap and travel, every pair of one volunteer's sessions on one day.
	for (const [vid, list] of groups(
		(p) => p.session.volunteers,
		(p) => p.date
	)) {
		list.sort(byStart);
		for (let i = 0; i < list.length; i++)
			for (let j = i + 1; j < list.length; j++) {
				const [a, b] = [list[i], list[j]];
				if (!inScope(a, b)) continue;
				if (b.from < a.to) {
					add(
						4,
						'overlap',
						[a.session.id, b.session.id],
						`volunteer ${vid} has ${a.session.id} (${a.start}) and ${b.session.id} (${b.start}) at once`
					);
					continue;
				}
				if (a.session.mode !== 'offline' || b.session.mode !== 'offline') continue;
				const da = districtIndex.get(schools.get(a.session.school)?.district ?? '');
				const db = districtIndex.get(schools.get(b.session.school)?.district ?? '');
				const travel = da === undefined || db === undefined ? 0 : instance.travelMinutes[da][db];
				if (b.from - a.to < travel)
					add(
						4,
						'travel',
						[a.session.id, b.session.id],
						`volunteer ${vid} needs ${travel} min from ${a.session.id} to ${b.session.id} but has ${b.from - a.to}`
					);
			}
	}

	// 5: the sessions running at any moment (the busiest moments are starts) fit the rooms.
	for (const [sid, list] of groups(
		(p) => [p.session.school],
		(p) => p.date
	)) {
		const rooms = schools.get(sid)?.rooms ?? 0;
		const reported = new Set<string>();
		for (const p of list) {
			const running = list.filter((q) => q.from <= p.from && p.from < q.to);
			if (!inScope(...running)) continue;
			const ids = running.sort(byStart).map((q) => q.session.id);
			if (running.length > rooms && !reported.has(ids.join())) {
				reported.add(ids.join());
				add(5, 'rooms', ids, `school ${sid} has ${running.length} sessions at ${p.start} but ${rooms} room(s)`);
			}
		}
	}

	// 6: calendar weeks, Monday to Sunday.
	for (const [vid, list] of groups(
		(p) => p.session.volunteers,
		(p) => Math.floor((p.date + 3) / 7)
	)) {
		const max = volunteers.get(vid)?.maxPerWeek ?? 0;
		if (list.length > max && inScope(...list))
			add(
				6,
				'weekly_cap',
				list.sort(byStart).map((p) => p.session.id),
				`volunteer ${vid} has ${list.length} sessions in the week of ${list[0].start.slice(0, 10)} but at most ${max}`
			);
	}

	// 7: series whole, in order, spaced.
	for (const series of instance.series) {
		if (touching && !series.sessions.some((id) => touching.has(id))) continue;
		const members = series.sessions.map((id) => placed.get(id));
		const missing = series.sessions.filter((_, i) => !members[i]);
		if (missing.length && missing.length < series.sessions.length)
			add(7, 'series_incomplete', series.sessions, `series ${series.sessions.join(', ')} is placed in part: ${missing.join(', ')} missing`);
		const gap = Math.max(1, series.minGapDays);
		for (let i = 1; i < members.length; i++) {
			const [a, b] = [members[i - 1], members[i]];
			if (a && b && b.date - a.date < gap && inScope(a, b))
				add(
					7,
					'series_order',
					[a.session.id, b.session.id],
					`${b.session.id} (${b.start}) must start at least ${gap} day(s) after ${a.session.id} (${a.start})`
				);
		}
	}

	// 8: fixed starts kept.
	for (const f of instance.fixed) {
		const start = starts.get(f.session);
		if (start !== f.start)
			add(8, 'fixed', [f.session], `${f.session} is fixed at ${f.start} but ${start ? `placed at ${start}` : 'left out'}`);
	}
	return violations;
}

/** The format's cost of a set of placements (sessions not placed count as unscheduled). */
export function costOf(instance: SchedulingInstance, placements: readonly Placement[]): number {
	const starts = new Map(placements.map((p) => [p.session, p.start]));
	const dateOrdinal = memo(parseDate);
	let cost = 0;
	for (const s of instance.sessions) {
		const start = starts.get(s.id);
		cost += start === undefined ? 1000 * s.priority : dateOrdinal(start.slice(0, 10)) - dateOrdinal(s.window.from);
	}
	for (const p of instance.previous) if (starts.get(p.session) !== p.start) cost += 200;
	return cost;
}
