// Wall-clock dates and times of the format as integers: a date is a day number (days since
// 1970-01-01, computed in UTC so no time zone or DST enters), a time is minutes since midnight.
// The app's date module (src/lib/domain/dates.ts) speaks in day strings and time zones and
// loads the message catalogue; the engine's pure core runs as a bare command and counts in
// integers, so it keeps these few helpers of its own.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** The day number of a real `YYYY-MM-DD` date, or null (malformed, or e.g. 2026-02-30). */
export function dayNumber(text: string): number | null {
	const m = DATE.exec(text);
	if (!m) return null;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const ms = Date.UTC(y, mo - 1, d);
	const back = new Date(ms);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
	return ms / MS_PER_DAY;
}

/** Minutes since midnight of `HH:MM`, `00:00` to `24:00`, or null. */
export function minuteOfDay(text: string): number | null {
	const m = TIME.exec(text);
	if (!m) return null;
	const [h, mi] = [Number(m[1]), Number(m[2])];
	if (mi > 59 || h > 24 || (h === 24 && mi > 0)) return null;
	return h * 60 + mi;
}

/** `YYYY-MM-DDTHH:MM` as day number and minute, or null. The time must be before 24:00. */
export function parseStart(text: string): { day: number; minute: number } | null {
	if (text.length !== 16 || text[10] !== 'T') return null;
	const day = dayNumber(text.slice(0, 10));
	const minute = minuteOfDay(text.slice(11));
	return day === null || minute === null || minute >= 1440 ? null : { day, minute };
}

/** Formatted dates by day number: a timetable repeats the same few hundred dates thousands of times. */
const formatted = new Map<number, string>();

export function formatDate(day: number): string {
	let text = formatted.get(day);
	if (text === undefined) {
		text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
		// Bounded: the app formats dates of a few years at most.
		if (formatted.size < 100_000) formatted.set(day, text);
	}
	return text;
}

export function formatStart(day: number, minute: number): string {
	const hh = String(Math.floor(minute / 60)).padStart(2, '0');
	const mm = String(minute % 60).padStart(2, '0');
	return `${formatDate(day)}T${hh}:${mm}`;
}

/** 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** A number shared by exactly the days of one Monday-Sunday week. */
export function weekOf(day: number): number {
	return Math.floor((day + 3) / 7);
}
