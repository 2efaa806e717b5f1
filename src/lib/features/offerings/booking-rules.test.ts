import { describe, expect, it } from 'vitest';
import { bookableDays, checkBooking, type BookingFacts } from './booking-rules';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const range = (from: string, to: string) => ({ fromDate: d(from), toDate: d(to) });

// 2027-03-01 is a Monday.
function facts(over: Partial<BookingFacts> = {}): BookingFacts {
	return {
		window: range('2027-03-01', '2027-03-31'),
		mode: 'offline',
		offering: { status: 'approved', perTerm: 2, offersOnline: true, offersOffline: true, sessionCount: 1 },
		round: range('2027-02-22', '2027-07-09'),
		bookedThisTerm: 0,
		volunteer: { active: true, load: 0, capacity: 4, leaves: [], weekdays: new Set([2]), travelMinutes: 20, maxTravelMinutes: 60 },
		school: { weekdays: new Set([2, 4]), closed: [] },
		...over
	};
}

describe('booking an offering', () => {
	it('accepts a window in the term with a Tuesday both the school and the veteran keep free', () => {
		expect(checkBooking(facts())).toEqual([]);
		expect(bookableDays(facts()).map((x) => x.toISOString().slice(0, 10))).toEqual([
			'2027-03-02',
			'2027-03-09',
			'2027-03-16',
			'2027-03-23',
			'2027-03-30'
		]);
	});

	it('refuses once the offering is booked as often as the veteran offers it this term', () => {
		expect(checkBooking(facts({ bookedThisTerm: 2 }))).toEqual([{ field: 'offeringId', code: 'term_limit', limit: 2 }]);
	});

	it('refuses when the veteran already carries as many needs as they can take', () => {
		const problems = checkBooking(facts({ volunteer: { ...facts().volunteer, load: 4 } }));
		expect(problems).toEqual([{ field: 'offeringId', code: 'over_load', limit: 4 }]);
	});

	it('refuses a window the veteran is on leave for, and one whose only common days fall in the school holiday', () => {
		const away = facts({ volunteer: { ...facts().volunteer, leaves: [range('2027-02-28', '2027-04-02')] } });
		expect(checkBooking(away)).toEqual([{ field: 'windowFrom', code: 'on_leave' }]);
		const holiday = facts({
			window: range('2027-03-01', '2027-03-07'),
			school: { weekdays: new Set([2]), closed: [range('2027-03-01', '2027-03-05')] }
		});
		expect(checkBooking(holiday)).toEqual([{ field: 'windowFrom', code: 'no_common_day' }]);
	});

	it('needs room for every session of a course, six days apart', () => {
		const course = facts({ offering: { ...facts().offering, sessionCount: 6 } });
		expect(checkBooking(course)).toEqual([{ field: 'windowFrom', code: 'too_few_days', needed: 6, found: 5 }]);
		expect(checkBooking({ ...course, window: range('2027-03-01', '2027-04-30') })).toEqual([]);
	});

	it("offline needs the school within the veteran's travel; online does not", () => {
		const far = facts({ volunteer: { ...facts().volunteer, travelMinutes: 90 } });
		expect(checkBooking(far)).toEqual([{ field: 'mode', code: 'out_of_reach', minutes: 90, limit: 60 }]);
		expect(checkBooking({ ...far, mode: 'online' })).toEqual([]);
		const offlineOnly = facts({ mode: 'online', offering: { ...facts().offering, offersOnline: false } });
		expect(checkBooking(offlineOnly)).toEqual([{ field: 'mode', code: 'mode_not_offered' }]);
	});

	it('says when no round covers the dates or they run past it, and when the school keeps no visiting hours', () => {
		expect(checkBooking(facts({ round: null }))).toEqual([{ field: 'windowFrom', code: 'no_round' }]);
		expect(checkBooking(facts({ window: range('2027-07-01', '2027-07-20') }))).toContainEqual({
			field: 'windowFrom',
			code: 'outside_round'
		});
		expect(checkBooking(facts({ school: { weekdays: new Set(), closed: [] } }))).toEqual([
			{ field: 'windowFrom', code: 'no_visiting_hours' }
		]);
	});

	it('never books what is not on the menu', () => {
		expect(checkBooking(facts({ offering: { ...facts().offering, status: 'pending' } }))).toEqual([
			{ field: 'offeringId', code: 'not_on_menu' }
		]);
	});
});
