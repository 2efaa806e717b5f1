// Whether a school may book an offering for a window: the offering's per-term limit, the
// veteran's load and leave, reach, and whether any day of the window suits both the school's
// calendar and the veteran's week. Pure: the router gathers the facts, this decides.
import { addDays, dateToDay, dayToDate, daysBetween, weekdayOf } from '$lib/domain/dates';
// Sessions of a course are as far apart as the scheduler places a series.
import { SERIES_GAP_DAYS } from '$lib/features/scheduling/instance';

export interface DateRange {
	fromDate: Date;
	toDate: Date;
}

export interface BookingFacts {
	window: DateRange;
	mode: 'online' | 'offline';
	offering: { status: string; perTerm: number; offersOnline: boolean; offersOffline: boolean; sessionCount: number };
	/** The round (term) of the school's committee that covers the window, if any. */
	round: DateRange | null;
	/** Bookings of this offering already made in that round, declined ones excluded. */
	bookedThisTerm: number;
	volunteer: {
		active: boolean;
		/** Needs the veteran holds in the round (invitations, acceptances, bookings). */
		load: number;
		capacity: number;
		leaves: readonly DateRange[];
		/** Weekdays (1 = Monday) the veteran is ever free. */
		weekdays: ReadonlySet<number>;
		/** Minutes from the veteran's home district to the school's; null when unknown. */
		travelMinutes: number | null;
		maxTravelMinutes: number;
	};
	school: {
		/** Weekdays the school receives visitors. */
		weekdays: ReadonlySet<number>;
		/** Holidays, exams and closures. */
		closed: readonly DateRange[];
	};
}

export type BookingProblem =
	| { field: 'offeringId'; code: 'not_on_menu' | 'veteran_inactive' | 'term_limit' | 'over_load'; limit?: number }
	| { field: 'mode'; code: 'mode_not_offered' | 'out_of_reach'; minutes?: number; limit?: number }
	| {
			field: 'windowFrom';
			code: 'no_round' | 'outside_round' | 'on_leave' | 'no_visiting_hours' | 'no_common_day' | 'too_few_days';
			needed?: number;
			found?: number;
	  };

const within = (d: Date, r: DateRange) => d >= r.fromDate && d <= r.toDate;

/** Days of the window on which a session could be held: the school receives, the veteran is free, nobody is away. */
export function bookableDays(f: Pick<BookingFacts, 'window' | 'volunteer' | 'school'>): Date[] {
	const days: Date[] = [];
	const last = dateToDay(f.window.toDate);
	for (let day = dateToDay(f.window.fromDate); day <= last; day = addDays(day, 1)) {
		const d = dayToDate(day);
		const w = weekdayOf(day);
		if (!f.school.weekdays.has(w) || !f.volunteer.weekdays.has(w)) continue;
		if (f.school.closed.some((r) => within(d, r)) || f.volunteer.leaves.some((r) => within(d, r))) continue;
		days.push(d);
	}
	return days;
}

/** How many sessions of a course fit on these days, each at least `SERIES_GAP_DAYS` after the previous. */
export function sessionsThatFit(days: readonly Date[]): number {
	let count = 0;
	let last: string | null = null;
	for (const d of days) {
		if (last === null || daysBetween(last, dateToDay(d)) >= SERIES_GAP_DAYS) {
			count++;
			last = dateToDay(d);
		}
	}
	return count;
}

export function checkBooking(f: BookingFacts): BookingProblem[] {
	const problems: BookingProblem[] = [];
	if (f.offering.status !== 'approved') return [{ field: 'offeringId', code: 'not_on_menu' }];
	if (!f.volunteer.active) return [{ field: 'offeringId', code: 'veteran_inactive' }];

	if (!f.round) problems.push({ field: 'windowFrom', code: 'no_round' });
	else if (f.window.fromDate < f.round.fromDate || f.window.toDate > f.round.toDate)
		problems.push({ field: 'windowFrom', code: 'outside_round' });
	if (f.bookedThisTerm >= f.offering.perTerm) problems.push({ field: 'offeringId', code: 'term_limit', limit: f.offering.perTerm });
	if (f.volunteer.load >= f.volunteer.capacity) problems.push({ field: 'offeringId', code: 'over_load', limit: f.volunteer.capacity });

	const offered = f.mode === 'online' ? f.offering.offersOnline : f.offering.offersOffline;
	if (!offered) problems.push({ field: 'mode', code: 'mode_not_offered' });
	else if (f.mode === 'offline' && (f.volunteer.travelMinutes === null || f.volunteer.travelMinutes > f.volunteer.maxTravelMinutes)) {
		problems.push({
			field: 'mode',
			code: 'out_of_reach',
			minutes: f.volunteer.travelMinutes ?? undefined,
			limit: f.volunteer.maxTravelMinutes
		});
	}

	const onLeaveThroughout = f.volunteer.leaves.some((r) => r.fromDate <= f.window.fromDate && r.toDate >= f.window.toDate);
	if (onLeaveThroughout) problems.push({ field: 'windowFrom', code: 'on_leave' });
	else if (f.school.weekdays.size === 0) problems.push({ field: 'windowFrom', code: 'no_visiting_hours' });
	else {
		const found = sessionsThatFit(bookableDays(f));
		if (found === 0) problems.push({ field: 'windowFrom', code: 'no_common_day' });
		else if (found < f.offering.sessionCount)
			problems.push({ field: 'windowFrom', code: 'too_few_days', needed: f.offering.sessionCount, found });
	}
	return problems;
}
