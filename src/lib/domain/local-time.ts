// Wall-clock times of the committees (China Standard Time, UTC+8 all year: China keeps no
// daylight saving) against the UTC instants the database stores. Date-only values (calendar
// entries, leave, need windows) are midnight UTC, so their date is their UTC date.
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD` of a date-only value. */
export function dayOf(dateOnly: Date): string {
	return dateOnly.toISOString().slice(0, 10);
}

/** The date-only value (midnight UTC) of `YYYY-MM-DD`. */
export function dateOnly(day: string): Date {
	return new Date(`${day}T00:00:00Z`);
}

export function addDays(day: string, days: number): string {
	return dayOf(new Date(dateOnly(day).getTime() + days * DAY_MS));
}

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
	return Math.round((dateOnly(b).getTime() - dateOnly(a).getTime()) / DAY_MS);
}

/** The instant of a local `YYYY-MM-DDTHH:MM`. */
export function instantOfLocal(local: string): Date {
	return new Date(new Date(`${local}:00Z`).getTime() - OFFSET_MS);
}

/** The local `YYYY-MM-DDTHH:MM` of an instant. */
export function localOfInstant(instant: Date): string {
	return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** The local date `YYYY-MM-DD` of an instant. */
export function localDayOfInstant(instant: Date): string {
	return localOfInstant(instant).slice(0, 10);
}
