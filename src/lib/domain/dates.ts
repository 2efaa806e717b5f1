// Dates and times, one way everywhere. Two kinds of value:
// - a calendar day (`Day`, "YYYY-MM-DD"): needs' windows, leave, school calendars. Stored as
//   midnight UTC of that day, so the database compares days as days and no zone moves them.
// - a moment (a `Date`): sessions, audit entries, invitations. People read and type moments as
//   wall-clock time in Asia/Shanghai, where the committees are. Zone arithmetic goes through
//   @date-fns/tz (the zone database), never through an offset constant.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

export const APP_TIME_ZONE = 'Asia/Shanghai';

/** A calendar day as "YYYY-MM-DD". */
export type Day = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
type Locale = 'zh' | 'en';

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The day `year-month-date` (month 1–12), or null when there is no such day (2027-02-30). */
export function dayOf(year: number, month: number, date: number): Day | null {
	if (![year, month, date].every(Number.isInteger) || year < 1 || year > 9999) return null;
	const d = new Date(0);
	d.setUTCFullYear(year, month - 1, date);
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== date) return null;
	return dateToDay(d);
}

/** True for "YYYY-MM-DD" naming a real calendar day. */
export function isDay(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	return match !== null && dayOf(Number(match[1]), Number(match[2]), Number(match[3])) !== null;
}

/** A date field: "YYYY-MM-DD" and a real day, else a field error in the reader's language. */
export const dayField = z
	.string()
	.trim()
	.refine(isDay, { error: () => m.date_error_invalid() });

/** The stored form of a day: midnight UTC. */
export const dayToDate = (day: Day): Date => new Date(`${day}T00:00:00.000Z`);

/** The day a stored date-only value (midnight UTC) stands for. */
export const dateToDay = (date: Date): Day => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

export const addDays = (day: Day, days: number): Day => dateToDay(new Date(dayToDate(day).getTime() + days * DAY_MS));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: Day, to: Day): number => Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / DAY_MS);

export const weekdayOf = (day: Day): Weekday => (((dayToDate(day).getUTCDay() + 6) % 7) + 1) as Weekday;

/** A moment as wall-clock time in a zone. */
export interface WallClock {
	day: Day;
	/** Minutes since that day's midnight, 0–1439. */
	minute: number;
	weekday: Weekday;
}

export function toWallClock(instant: Date, zone = APP_TIME_ZONE): WallClock {
	const local = new TZDate(instant.getTime(), zone);
	const day = dayOf(local.getFullYear(), local.getMonth() + 1, local.getDate())!;
	return { day, minute: local.getHours() * 60 + local.getMinutes(), weekday: weekdayOf(day) };
}

/** The moment a wall clock in `zone` shows `minute` past midnight on `day`. */
export function fromWallClock(day: Day, minute: number, zone = APP_TIME_ZONE): Date {
	const [year, month, date] = day.split('-').map(Number);
	return new Date(new TZDate(year, month - 1, date, Math.floor(minute / 60), minute % 60, zone).getTime());
}

/** The calendar day an instant falls on where the committees are (or in `zone`). */
export const dayAt = (instant: Date, zone = APP_TIME_ZONE): Day => toWallClock(instant, zone).day;

/** Today's day where the committees are (or in `zone`). */
export const today = (now = new Date(), zone = APP_TIME_ZONE): Day => dayAt(now, zone);

/** The moment `day` begins in `zone`; the next day's start ends it. */
export const startOfDayIn = (day: Day, zone = APP_TIME_ZONE): Date => fromWallClock(day, 0, zone);
export const endOfDayIn = (day: Day, zone = APP_TIME_ZONE): Date => fromWallClock(addDays(day, 1), 0, zone);

/** The calendar week (Monday first) in `zone` around `at`, as instants [from, to). */
export function weekAround(at: Date, zone = APP_TIME_ZONE): { from: Date; to: Date } {
	const { day, weekday } = toWallClock(at, zone);
	const monday = addDays(day, 1 - weekday);
	return { from: startOfDayIn(monday, zone), to: startOfDayIn(addDays(monday, 7), zone) };
}

/** The zone's UTC offset at `at` as "+08:00", read from the zone database (for libraries that take offsets). */
export function zoneOffset(at = new Date(), zone = APP_TIME_ZONE): string {
	const minutes = -new TZDate(at.getTime(), zone).getTimezoneOffset();
	const sign = minutes < 0 ? '-' : '+';
	return `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * The moment of a floating wall-clock value in `zone`: "2027-03-10T09:00:00" (or the UTC
 * fields of a Date that carries a wall clock, as calendar widgets hand them over).
 */
export function wallClockToInstant(wall: string | Date, zone = APP_TIME_ZONE): Date {
	const text = typeof wall === 'string' ? wall : wall.toISOString();
	const [, hh = '0', mm = '0'] = /T(\d{2}):(\d{2})/.exec(text) ?? [];
	return fromWallClock(text.slice(0, 10), Number(hh) * 60 + Number(mm), zone);
}

// ---------- Formatting ----------

const currentLocale = (): Locale => (getLocale() === 'en' ? 'en' : 'zh');
const tag = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'zh-CN');
const asDate = (value: Date | Day) => (typeof value === 'string' ? dayToDate(value) : value);

/** A day as people read it: 2027年3月1日 / 1 Mar 2027. */
export function formatDay(value: Date | Day, locale = currentLocale()): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(asDate(value));
}

/** A day without its year, for lists within one season: 3月1日 / 1 Mar. */
export function formatShortDay(value: Date | Day, locale = currentLocale()): string {
	return new Intl.DateTimeFormat(tag(locale), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(asDate(value));
}

/** A moment in the committees' zone: 2027年3月1日 14:30. */
export function formatMoment(value: Date, locale = currentLocale(), zone = APP_TIME_ZONE): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(value);
}

export type MomentStyle = 'datetime' | 'date' | 'day' | 'time' | 'long';

const momentStyles: Record<MomentStyle, Intl.DateTimeFormatOptions> = {
	datetime: { month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	date: { year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' },
	day: { month: 'long', day: 'numeric', weekday: 'short' },
	time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	long: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }
};
// Lists format hundreds of moments; a formatter per locale and style is built once.
const momentFormatters = new Map<string, Intl.DateTimeFormat>();

/** A moment in the committees' zone in one of the app's styles: 3/10周三 09:00, 2027年3月10日星期三. */
export function formatMomentAs(at: Date | string, style: MomentStyle = 'datetime', locale = currentLocale()): string {
	const key = `${locale}:${style}`;
	let f = momentFormatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(tag(locale), { ...momentStyles[style], timeZone: APP_TIME_ZONE });
		momentFormatters.set(key, f);
	}
	return f.format(typeof at === 'string' ? new Date(at) : at);
}

const weekdayNames = [
	m.volunteers_weekday_1,
	m.volunteers_weekday_2,
	m.volunteers_weekday_3,
	m.volunteers_weekday_4,
	m.volunteers_weekday_5,
	m.volunteers_weekday_6,
	m.volunteers_weekday_7
];
/** A weekday's name (1 = Monday): 星期一 / Monday. */
export const weekdayName = (weekday: number, locale = currentLocale()): string => weekdayNames[weekday - 1]?.({}, { locale }) ?? '';

const dayPartNames: Record<string, typeof m.volunteers_part_morning> = {
	morning: m.volunteers_part_morning,
	afternoon: m.volunteers_part_afternoon,
	evening: m.volunteers_part_evening
};

/** Weekly day parts ("2:morning") in words: 星期二上午、星期四下午 / Tuesday morning, Thursday afternoon. */
export function weeklyPartsText(keys: readonly string[], locale = currentLocale()): string {
	const en = locale === 'en';
	return keys
		.map((key) => {
			const [weekday, part] = key.split(':');
			const name = weekdayName(Number(weekday), locale);
			return `${name}${en ? ' ' : ''}${dayPartNames[part]?.({}, { locale }) ?? ''}`;
		})
		.join(en ? ', ' : '、');
}

/** Minutes since midnight as "HH:MM". */
export function formatMinute(minute: number): string {
	return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}
