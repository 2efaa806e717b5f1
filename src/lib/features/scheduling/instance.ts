// From a round's records (as `load.ts` reads them from the database) to a
// `silverbridge.scheduling/1` instance. Pure: the caller loads, this only translates.
//
// Choices the format leaves to the app:
// - Every need becomes `sessionCount` sessions (a lecture is one); several form a series,
//   at least six days apart for the pairing kinds (mentoring, tutoring, 老校长下乡).
// - A school receives visitors only inside its terms (when it has any) and never on its
//   holidays, exams or closed days. Alumni visits are the exception: they take place only
//   on the school's holidays. They use a second, holiday-only copy of the school whose
//   open days are disjoint from the term copy's, so the two never compete for a room.
// - A volunteer's weekly cap is their monthly capacity: a need is one engagement a month
//   and the busiest engagement, a series, meets at most weekly.
// - A need in mode "any" is held offline when every volunteer offers that, else online.
import { addDays, dateToDay as dayOf, daysBetween, formatMinute, toWallClock } from '$lib/domain/dates';
import type {
	DateRange,
	Placement,
	SchedulingInstance,
	SchedulingSchool,
	SchedulingSession,
	SessionSeries,
	Weekday,
	WeeklyInterval
} from './engine/types';

export const SLOT_MINUTES = 30;

/** The local `YYYY-MM-DDTHH:MM` of an instant, as the format writes starts. */
export function localStartOf(instant: Date): string {
	const w = toWallClock(instant);
	return `${w.day}T${formatMinute(w.minute)}`;
}
/** Pairing series meet at most weekly-ish: "at least six days apart". */
export const SERIES_GAP_DAYS = 6;
const PAIRING_KINDS: ReadonlySet<string> = new Set(['mentoring', 'tutoring', 'principal_to_countryside']);
/** Travel between districts with no route in the table: never on the same day. */
const NO_ROUTE_MINUTES = 24 * 60;
const HOLIDAY_SUFFIX = '~holiday';

export interface MinuteSpan {
	weekday: number;
	fromMinute: number;
	toMinute: number;
}

export interface DateSpan {
	fromDate: Date;
	toDate: Date;
}

export interface SchoolRecord {
	id: string;
	districtId: string | null;
	rooms: number;
	visitingHours: readonly MinuteSpan[];
	calendar: readonly (DateSpan & { kind: 'term' | 'holiday' | 'exam' | 'closed' })[];
}

export interface VolunteerRecord {
	id: string;
	homeDistrictId: string;
	monthlyCapacity: number;
	offersOffline: boolean;
	availability: readonly MinuteSpan[];
	/** Approved leave only. */
	leaves: readonly DateSpan[];
}

export interface DemandRecord {
	id: string;
	kind: string;
	mode: 'online' | 'offline' | 'any';
	sessionMinutes: number;
	priority: number;
	windowFrom: Date;
	windowTo: Date;
	orgId: string;
}

/** A session row to place, or one already placed that others must respect. */
export interface SessionRecord {
	id: string;
	demandId: string;
	seriesIndex: number;
	volunteerIds: readonly string[];
	startsAt: Date | null;
}

export interface RoundRecords {
	round: DateSpan;
	schools: readonly SchoolRecord[];
	volunteers: readonly VolunteerRecord[];
	demands: readonly DemandRecord[];
	travel: readonly { fromId: string; toId: string; minutes: number }[];
	/** The sessions the engine may (re)place. */
	toPlace: readonly SessionRecord[];
	/** Dated sessions that stay where they are. */
	fixed: readonly SessionRecord[];
	/** For a re-plan: the published starts of sessions in `toPlace`. */
	previous?: readonly { sessionId: string; startsAt: Date }[];
}

const weekly = (spans: readonly MinuteSpan[]): WeeklyInterval[] =>
	spans.map((s) => ({ weekday: s.weekday as Weekday, from: formatMinute(s.fromMinute), to: formatMinute(s.toMinute) }));
const range = (s: DateSpan): DateRange => ({ from: dayOf(s.fromDate), to: dayOf(s.toDate) });

/** The dates of [from, to] not covered by any of `covered`, as ranges. */
export function complement(from: string, to: string, covered: readonly DateRange[]): DateRange[] {
	const sorted = [...covered].sort((a, b) => a.from.localeCompare(b.from));
	const gaps: DateRange[] = [];
	let cursor = from;
	for (const c of sorted) {
		if (c.to < cursor) continue;
		if (c.from > to) break;
		if (c.from > cursor) gaps.push({ from: cursor, to: addDays(c.from, -1) });
		cursor = addDays(c.to, 1);
		if (cursor > to) return gaps;
	}
	if (cursor <= to) gaps.push({ from: cursor, to });
	return gaps;
}

export const isHolidayVisit = (kind: string) => kind === 'alumni_visit';
export const sessionsPerDemand = (sessionCount: number) => Math.max(1, sessionCount);
export const seriesGapDays = (kind: string) => (PAIRING_KINDS.has(kind) ? SERIES_GAP_DAYS : 1);
const roundUpToSlot = (minutes: number) => Math.max(SLOT_MINUTES, Math.ceil(minutes / SLOT_MINUTES) * SLOT_MINUTES);

/** How a need's sessions are held with these volunteers. */
export function sessionModeOf(
	demand: Pick<DemandRecord, 'mode'>,
	volunteers: readonly Pick<VolunteerRecord, 'offersOffline'>[]
): 'online' | 'offline' {
	if (demand.mode !== 'any') return demand.mode;
	return volunteers.length > 0 && volunteers.every((v) => v.offersOffline) ? 'offline' : 'online';
}

export function buildInstance(records: RoundRecords): SchedulingInstance {
	const demands = new Map(records.demands.map((d) => [d.id, d]));
	const volunteersById = new Map(records.volunteers.map((v) => [v.id, v]));
	const schoolsById = new Map(records.schools.map((s) => [s.id, s]));

	const all = [...records.toPlace, ...records.fixed];
	let start = dayOf(records.round.fromDate);
	let end = dayOf(records.round.toDate);
	for (const s of all) {
		const d = demands.get(s.demandId)!;
		if (dayOf(d.windowFrom) < start) start = dayOf(d.windowFrom);
		if (dayOf(d.windowTo) > end) end = dayOf(d.windowTo);
		if (s.startsAt && localStartOf(s.startsAt).slice(0, 10) < start) start = localStartOf(s.startsAt).slice(0, 10);
		if (s.startsAt && localStartOf(s.startsAt).slice(0, 10) > end) end = localStartOf(s.startsAt).slice(0, 10);
	}

	const districts = [
		...new Set([...records.schools.map((s) => s.districtId ?? ''), ...records.volunteers.map((v) => v.homeDistrictId)])
	].sort();
	const travel = new Map(records.travel.map((t) => [`${t.fromId}|${t.toId}`, t.minutes]));
	const travelMinutes = districts.map((a) => districts.map((b) => (a === b ? 0 : (travel.get(`${a}|${b}`) ?? NO_ROUTE_MINUTES))));

	const schools: SchedulingSchool[] = [];
	const schoolIdFor = (school: SchoolRecord, holiday: boolean) => (holiday ? school.id + HOLIDAY_SUFFIX : school.id);
	const usedSchools = new Set(
		all.map((s) => schoolIdFor(schoolsById.get(demands.get(s.demandId)!.orgId)!, isHolidayVisit(demands.get(s.demandId)!.kind)))
	);
	for (const school of records.schools) {
		const terms = school.calendar.filter((c) => c.kind === 'term').map(range);
		const holidays = school.calendar.filter((c) => c.kind === 'holiday').map(range);
		const closed = school.calendar.filter((c) => c.kind === 'exam' || c.kind === 'closed').map(range);
		const base = { district: school.districtId ?? '', rooms: Math.max(1, school.rooms), weekly: weekly(school.visitingHours) };
		if (usedSchools.has(school.id)) {
			const outsideTerm = terms.length ? complement(start, end, terms) : [];
			schools.push({ id: school.id, ...base, blackout: [...outsideTerm, ...holidays, ...closed] });
		}
		if (usedSchools.has(school.id + HOLIDAY_SUFFIX)) {
			schools.push({ id: school.id + HOLIDAY_SUFFIX, ...base, blackout: [...complement(start, end, holidays), ...closed] });
		}
	}

	const sessionOf = (s: SessionRecord): SchedulingSession => {
		const d = demands.get(s.demandId)!;
		const school = schoolsById.get(d.orgId)!;
		const volunteers = s.volunteerIds.map((id) => volunteersById.get(id)!);
		return {
			id: s.id,
			school: schoolIdFor(school, isHolidayVisit(d.kind)),
			volunteers: [...s.volunteerIds],
			minutes: roundUpToSlot(d.sessionMinutes),
			mode: sessionModeOf(d, volunteers),
			priority: d.priority,
			window: { from: dayOf(d.windowFrom), to: dayOf(d.windowTo) }
		};
	};

	// Series: the sessions of one need in order, whether being placed or already fixed.
	const byDemand = new Map<string, SessionRecord[]>();
	for (const s of all) byDemand.set(s.demandId, [...(byDemand.get(s.demandId) ?? []), s]);
	const series: SessionSeries[] = [];
	for (const [demandId, list] of byDemand) {
		if (list.length < 2) continue;
		list.sort((a, b) => a.seriesIndex - b.seriesIndex);
		series.push({ sessions: list.map((s) => s.id), minGapDays: seriesGapDays(demands.get(demandId)!.kind) });
	}

	const startOf = (d: Date) => localStartOf(d);
	const fixed: Placement[] = records.fixed.filter((s) => s.startsAt).map((s) => ({ session: s.id, start: startOf(s.startsAt!) }));
	const previous: Placement[] = (records.previous ?? []).map((p) => ({ session: p.sessionId, start: startOf(p.startsAt) }));

	return {
		horizon: { start, days: daysBetween(start, end) + 1, slotMinutes: SLOT_MINUTES },
		districts,
		travelMinutes,
		volunteers: records.volunteers.map((v) => ({
			id: v.id,
			district: v.homeDistrictId,
			maxPerWeek: Math.max(1, v.monthlyCapacity),
			weekly: weekly(v.availability),
			leave: v.leaves.map(range)
		})),
		schools,
		sessions: all.map(sessionOf),
		series,
		fixed,
		previous
	};
}

/** The school a session's instance entry names, back to the organisation. */
export const orgIdOfInstanceSchool = (schoolId: string) =>
	schoolId.endsWith(HOLIDAY_SUFFIX) ? schoolId.slice(0, -HOLIDAY_SUFFIX.length) : schoolId;
