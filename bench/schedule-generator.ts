// Realistic prefecture instances for `bench:schedule`: districts with travel times between
// them, schools with three to six visiting half-days a week, exam weeks and the May Day
// holiday as blackouts, volunteers with four to seven free half-days a week, a weekly cap and
// some leave, lectures with windows of three to eight weeks and mentoring series of four to
// six sessions at least six days apart. Deterministic for a seed.
import type {
	SchedulingInstance,
	SchedulingSchool,
	SchedulingSession,
	SchedulingVolunteer,
	SessionSeries,
	Weekday,
	WeeklyInterval
} from '../src/lib/features/scheduling/engine/types';
import { mulberry32 as random } from '../src/lib/domain/random';

const HORIZON = { start: '2026-03-02', days: 126, slotMinutes: 30 };
const HALF_DAYS = [
	['08:30', '11:30'],
	['14:00', '17:00']
] as const;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function generateInstance(sessionsWanted: number, seed: number): SchedulingInstance {
	const rnd = random(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	const halfDays = (lo: number, hi: number, weekdays: number): WeeklyInterval[] => {
		const chosen = new Set<string>();
		const n = int(lo, hi);
		while (chosen.size < n) chosen.add(`${int(1, weekdays)} ${int(0, 1)}`);
		return [...chosen].map((k) => {
			const [weekday, half] = k.split(' ').map(Number);
			return { weekday: weekday as Weekday, from: HALF_DAYS[half][0], to: HALF_DAYS[half][1] };
		});
	};
	const nd = Math.max(3, Math.min(12, Math.round(sessionsWanted / 40)));
	const districts = Array.from({ length: nd }, (_, i) => `d${String(i + 1).padStart(2, '0')}`);
	const position = districts.map(() => [rnd() * 60, rnd() * 60]);
	const travelMinutes = position.map(([x1, y1], i) =>
		position.map(([x2, y2], j) => (i === j ? 0 : Math.round(15 + Math.hypot(x1 - x2, y1 - y2))))
	);

	const schools: SchedulingSchool[] = Array.from({ length: Math.max(4, Math.round(sessionsWanted / 6)) }, (_, i) => {
		const midterm = int(49, 56);
		const blackout = [
			{ from: addDays(HORIZON.start, midterm), to: addDays(HORIZON.start, midterm + 4) },
			{ from: '2026-05-01', to: '2026-05-05' },
			{ from: addDays(HORIZON.start, 112), to: addDays(HORIZON.start, 125) }
		];
		return {
			id: `s${String(i + 1).padStart(4, '0')}`,
			district: pick(districts),
			rooms: rnd() < 0.7 ? 1 : int(2, 3),
			weekly: halfDays(3, 6, 5),
			blackout
		};
	});
	const volunteers: SchedulingVolunteer[] = Array.from({ length: Math.max(4, Math.round(sessionsWanted / 4)) }, (_, i) => {
		const leave = rnd() < 0.3 ? [{ from: addDays(HORIZON.start, int(0, 110)), to: '' }] : [];
		for (const l of leave) l.to = addDays(l.from, int(3, 14));
		return { id: `v${String(i + 1).padStart(4, '0')}`, district: pick(districts), maxPerWeek: int(1, 3), weekly: halfDays(4, 7, 6), leave };
	});
	const volunteersIn = new Map(districts.map((d) => [d, volunteers.filter((v) => v.district === d)]));

	const sessions: SchedulingSession[] = [];
	const series: SessionSeries[] = [];
	// Matching has already paired schools with volunteers who share some free half-day with them.
	const shares = (v: SchedulingVolunteer, school: SchedulingSchool) =>
		v.weekly.some((w) => school.weekly.some((x) => x.weekday === w.weekday && x.from === w.from));
	const volunteerFor = (school: SchedulingSchool) => {
		const near = volunteersIn.get(school.district)!;
		let choice = near.length && rnd() < 0.7 ? pick(near) : pick(volunteers);
		for (let tries = 0; tries < 8 && !shares(choice, school); tries++) choice = near.length && rnd() < 0.7 ? pick(near) : pick(volunteers);
		return choice;
	};
	while (sessions.length < sessionsWanted) {
		const school = pick(schools);
		const id = () => `x${String(sessions.length + 1).padStart(5, '0')}`;
		const priority = pick([1, 1, 2, 2, 3]);
		const mode = rnd() < 0.75 ? ('offline' as const) : ('online' as const);
		if (rnd() < 0.25 && sessions.length + 4 <= sessionsWanted) {
			const count = Math.min(int(4, 6), sessionsWanted - sessions.length);
			const volunteer = volunteerFor(school);
			const from = addDays(HORIZON.start, int(0, 40));
			const ids: string[] = [];
			for (let k = 0; k < count; k++) {
				ids.push(id());
				sessions.push({
					id: id(),
					school: school.id,
					volunteers: [volunteer.id],
					minutes: 60,
					mode,
					priority,
					window: { from, to: addDays(HORIZON.start, 125) }
				});
			}
			series.push({ sessions: ids, minGapDays: int(6, 7) });
		} else {
			const first = volunteerFor(school);
			const second = rnd() < 0.1 ? volunteerFor(school) : first;
			const from = int(0, 100);
			sessions.push({
				id: id(),
				school: school.id,
				volunteers: second === first ? [first.id] : [first.id, second.id],
				minutes: pick([60, 90, 90, 120]),
				mode,
				priority,
				window: { from: addDays(HORIZON.start, from), to: addDays(HORIZON.start, Math.min(125, from + int(21, 56))) }
			});
		}
	}
	return { horizon: HORIZON, districts, travelMinutes, volunteers, schools, sessions, series, fixed: [], previous: [] };
}
