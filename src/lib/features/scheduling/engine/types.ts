// The scheduling engine's domain, as plain data. It mirrors `silverbridge.scheduling/1`
// (shared/formats/scheduling.md) field for field, so the batch format parses straight into
// it and the app's database adapter builds the same shapes from its records.

/** 1 = Monday ... 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** How one session is held: online sessions still sit in a school room but need no travel. */
export type SessionMode = 'offline' | 'online';

/** A recurring weekly window, `HH:MM` wall-clock times; `to` may be `24:00`. */
export interface WeeklyInterval {
	readonly weekday: Weekday;
	readonly from: string;
	readonly to: string;
}

/** Dates `YYYY-MM-DD`, inclusive at both ends (leave, blackout, session windows). */
export interface DateRange {
	readonly from: string;
	readonly to: string;
}

export interface Horizon {
	/** First date of the horizon, `YYYY-MM-DD`. */
	readonly start: string;
	/** The horizon covers `start` to `start + days - 1`. */
	readonly days: number;
	readonly slotMinutes: number;
}

export interface SchedulingVolunteer {
	readonly id: string;
	readonly district: string;
	/** At most this many sessions per calendar week (Monday-Sunday). */
	readonly maxPerWeek: number;
	readonly weekly: readonly WeeklyInterval[];
	/** Approved leave. */
	readonly leave: readonly DateRange[];
}

export interface SchedulingSchool {
	readonly id: string;
	readonly district: string;
	/** Sessions that may run at the same moment. */
	readonly rooms: number;
	/** Visiting hours. */
	readonly weekly: readonly WeeklyInterval[];
	/** Exams, holidays and other closed dates. */
	readonly blackout: readonly DateRange[];
}

export interface SchedulingSession {
	readonly id: string;
	readonly school: string;
	readonly volunteers: readonly string[];
	/** A multiple of the horizon's `slotMinutes`. */
	readonly minutes: number;
	readonly mode: SessionMode;
	/** Leaving the session out costs `1000 * priority`. */
	readonly priority: number;
	readonly window: DateRange;
}

/** The sessions of one mentoring pair or lecture series, in order; placed whole or not at all. */
export interface SessionSeries {
	readonly sessions: readonly string[];
	/** Each session starts at least `max(1, minGapDays)` days after the one before. */
	readonly minGapDays: number;
}

/** A session's start, `YYYY-MM-DDTHH:MM`. */
export interface Placement {
	readonly session: string;
	readonly start: string;
}

export interface SchedulingInstance {
	readonly horizon: Horizon;
	readonly districts: readonly string[];
	/** `travelMinutes[i][j]`: minutes from `districts[i]` to `districts[j]`. */
	readonly travelMinutes: readonly (readonly number[])[];
	readonly volunteers: readonly SchedulingVolunteer[];
	readonly schools: readonly SchedulingSchool[];
	readonly sessions: readonly SchedulingSession[];
	readonly series: readonly SessionSeries[];
	/** Starts that must be kept. */
	readonly fixed: readonly Placement[];
	/** The published plan of a re-plan: each start that changes (or is dropped) costs 200. */
	readonly previous: readonly Placement[];
}

/** The batch result's content (`silverbridge.scheduling-result/1` without its `format`). */
export interface ScheduleResult {
	/** In the order of the instance's sessions. */
	readonly placements: Placement[];
	readonly unscheduled: string[];
	readonly cost: number;
	readonly elapsedMs: number;
}

/** What `schedule` returns: the batch result plus why each left-out session was left out. */
export interface ScheduleOutcome extends ScheduleResult {
	/** One entry per unscheduled session id. */
	readonly explanations: Record<string, UnscheduledExplanation>;
}

export interface ScheduleOptions {
	/**
	 * Local-search effort, 1 by default: a multiplier of the deterministic number of
	 * improvement attempts (no wall-clock limit, so the same input gives the same output).
	 */
	readonly effort?: number;
}

/**
 * One reason a candidate day could not take the session, as data: the UI words it
 * (see `describeExplanation`) with the people's and schools' display names.
 */
export type Blocker =
	/** The volunteer's weekly hours on that weekday hold no stretch of the session's length. */
	| { readonly code: 'volunteer_hours'; readonly volunteer: string; readonly weekday: Weekday; readonly weekly: readonly WeeklyInterval[] }
	| { readonly code: 'volunteer_leave'; readonly volunteer: string; readonly leave: DateRange }
	/** The school's visiting hours on that weekday hold no stretch of the session's length. */
	| { readonly code: 'school_hours'; readonly school: string; readonly weekday: Weekday; readonly weekly: readonly WeeklyInterval[] }
	| { readonly code: 'school_blackout'; readonly school: string; readonly blackout: DateRange }
	/** Each is available that day, but never all together for the session's length. */
	| { readonly code: 'no_common_time'; readonly volunteers: readonly string[]; readonly school: string }
	/** The volunteer's other sessions that day fill every common start. */
	| { readonly code: 'volunteer_busy'; readonly volunteer: string; readonly sessions: readonly string[] }
	/** Free starts remain, but none leaves time to travel to or from these offline sessions. */
	| { readonly code: 'travel'; readonly volunteer: string; readonly sessions: readonly string[] }
	| { readonly code: 'rooms_full'; readonly school: string; readonly rooms: number; readonly sessions: readonly string[] }
	| { readonly code: 'weekly_cap'; readonly volunteer: string; readonly maxPerWeek: number; readonly sessions: readonly string[] }
	/** The day itself was free, but the series could not be completed around it. */
	| { readonly code: 'series_incomplete'; readonly series: readonly string[] }
	/** The day was free; leaving the session out cost less (priority 0). */
	| { readonly code: 'not_worth_it' };

export type BlockerCode = Blocker['code'];

export interface DayExplanation {
	readonly date: string;
	readonly blockers: readonly Blocker[];
}

export interface UnscheduledExplanation {
	readonly session: string;
	/** The session's series (all its sessions, in order), if it belongs to one. */
	readonly series: readonly string[] | null;
	/** True when no date of the session's window lies inside the horizon. */
	readonly windowOutsideHorizon: boolean;
	/** Every candidate day (window inside the horizon), in date order. */
	readonly days: readonly DayExplanation[];
}

/** Hard constraints 1-8 of the format; 0 = the result lists a session wrongly. */
export type ConstraintNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface Violation {
	readonly constraint: ConstraintNumber;
	readonly rule:
		| 'listing'
		| 'slot'
		| 'horizon'
		| 'window'
		| 'volunteer_hours'
		| 'volunteer_leave'
		| 'school_hours'
		| 'school_blackout'
		| 'overlap'
		| 'travel'
		| 'rooms'
		| 'weekly_cap'
		| 'series_order'
		| 'series_incomplete'
		| 'fixed';
	/** The sessions involved, in instance order. */
	readonly sessions: readonly string[];
	/** English, for logs and the CLI. */
	readonly reason: string;
}
