import { describe, expect, it } from 'vitest';
import {
	addDays,
	dateToDay,
	dayField,
	dayOf,
	dayToDate,
	daysBetween,
	endOfDayIn,
	formatDay,
	formatMinute,
	formatMoment,
	formatMomentAs,
	formatShortDay,
	fromWallClock,
	isDay,
	startOfDayIn,
	today,
	toWallClock,
	wallClockToInstant,
	weekAround,
	weekdayOf,
	weeklyPartsText,
	zoneOffset
} from './dates';

describe('calendar days', () => {
	it('accepts real days only', () => {
		for (const good of ['2027-03-01', '2028-02-29', '2027-12-31']) expect(isDay(good), good).toBe(true);
		for (const bad of [
			'2027-02-30',
			'2027-13-45',
			'2027-02-29',
			'2027-00-10',
			'2027-3-1',
			'27-03-01',
			'2027-03-01T00:00',
			'',
			'2027-03-01 '
		]) {
			expect(isDay(bad), bad).toBe(false);
		}
		expect(dayOf(2027, 2, 30)).toBeNull();
		expect(dayOf(2027, 3, 1)).toBe('2027-03-01');
	});

	it('gives a date field error in the reader’s language', () => {
		const result = dayField.safeParse('2027-02-30');
		expect(result.success).toBe(false);
		expect(result.error?.issues[0].message).toMatch(/有效的日期/);
		expect(dayField.parse(' 2027-03-01 ')).toBe('2027-03-01');
	});

	it('stores a day as midnight UTC and reads it back unchanged', () => {
		expect(dayToDate('2027-03-01').toISOString()).toBe('2027-03-01T00:00:00.000Z');
		expect(dateToDay(dayToDate('2027-03-01'))).toBe('2027-03-01');
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
		expect(daysBetween('2027-02-22', '2027-07-09')).toBe(137);
	});

	it('numbers weekdays Monday 1 to Sunday 7', () => {
		expect(weekdayOf('2027-03-08')).toBe(1);
		expect(weekdayOf('2027-03-10')).toBe(3);
		expect(weekdayOf('2027-03-14')).toBe(7);
	});
});

describe('wall-clock time in Asia/Shanghai', () => {
	it('turns a session’s local start into the instant and back', () => {
		const start = fromWallClock('2027-03-10', 14 * 60 + 30);
		expect(start.toISOString()).toBe('2027-03-10T06:30:00.000Z');
		expect(toWallClock(start)).toEqual({ day: '2027-03-10', minute: 870, weekday: 3 });
	});

	it('knows which day it is there, not in UTC', () => {
		// 23:30 UTC on 9 March is 07:30 on 10 March in Shanghai.
		expect(today(new Date('2027-03-09T23:30:00Z'))).toBe('2027-03-10');
		expect(toWallClock(new Date('2027-03-09T23:30:00Z')).weekday).toBe(3);
	});

	it('bounds a local day by its local midnights', () => {
		expect(startOfDayIn('2027-03-10').toISOString()).toBe('2027-03-09T16:00:00.000Z');
		expect(endOfDayIn('2027-03-10').toISOString()).toBe('2027-03-10T16:00:00.000Z');
	});

	it('bounds the local week from Monday, even when UTC still says Sunday', () => {
		// 20:00 UTC on Sunday 14 March is 04:00 on Monday 15 March in Shanghai: a new week.
		const week = weekAround(new Date('2027-03-14T20:00:00Z'));
		expect(week.from.toISOString()).toBe('2027-03-14T16:00:00.000Z');
		expect(week.to.toISOString()).toBe('2027-03-21T16:00:00.000Z');
		expect(weekAround(new Date('2027-03-14T15:00:00Z')).from.toISOString()).toBe('2027-03-07T16:00:00.000Z');
	});

	it('reads a calendar widget’s floating wall clock as Shanghai time, and states the offset it needs', () => {
		expect(wallClockToInstant('2027-03-10T09:00:00').toISOString()).toBe('2027-03-10T01:00:00.000Z');
		expect(wallClockToInstant('2027-03-10').toISOString()).toBe('2027-03-09T16:00:00.000Z');
		expect(wallClockToInstant(new Date('2027-03-10T14:30:00Z')).toISOString()).toBe('2027-03-10T06:30:00.000Z');
		expect(zoneOffset(new Date('2027-03-10T00:00:00Z'))).toBe('+08:00');
		expect(zoneOffset(new Date('2027-07-01T00:00:00Z'), 'Europe/Berlin')).toBe('+02:00');
		expect(zoneOffset(new Date('2027-07-01T00:00:00Z'), 'America/New_York')).toBe('-04:00');
	});

	it('follows the zone database where a zone has daylight saving', () => {
		expect(fromWallClock('2027-07-01', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2027-07-01T07:00:00.000Z');
		expect(fromWallClock('2027-01-01', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2027-01-01T08:00:00.000Z');
	});
});

describe('formatting', () => {
	it('reads days and moments in Chinese and English', () => {
		expect(formatDay('2027-03-01', 'zh')).toBe('2027年3月1日');
		expect(formatDay(dayToDate('2027-03-01'), 'en')).toBe('1 Mar 2027');
		expect(formatShortDay('2027-03-01', 'zh')).toBe('3月1日');
		expect(formatShortDay('2027-03-01', 'en')).toBe('1 Mar');
		expect(formatMoment(new Date('2027-03-10T06:30:00Z'), 'zh')).toBe('2027年3月10日 14:30');
		expect(formatMoment(new Date('2027-03-10T06:30:00Z'), 'en')).toBe('10 Mar 2027, 14:30');
		expect(formatMinute(8 * 60 + 5)).toBe('08:05');
	});

	it('writes moments in the app’s styles, in Shanghai time whatever the machine’s zone', () => {
		const at = '2027-03-10T01:00:00.000Z';
		expect(formatMomentAs(at, 'time', 'zh')).toBe('09:00');
		expect(formatMomentAs(new Date(at), 'long', 'zh')).toBe('2027年3月10日星期三');
		expect(formatMomentAs(at, 'long', 'en')).toBe('Wednesday, 10 March 2027');
		expect(formatMomentAs(at, 'datetime', 'zh')).toContain('09:00');
	});

	it('says weekly day parts in words', () => {
		expect(weeklyPartsText(['2:morning', '4:afternoon'], 'zh')).toBe('星期二上午、星期四下午');
		expect(weeklyPartsText(['2:morning', '4:afternoon'], 'en')).toBe('Tuesday Morning, Thursday Afternoon');
	});
});
