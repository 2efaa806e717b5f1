// A volunteer states how many engagements a month they can take; a round spans months.
// A need (a lecture, or a whole mentoring series) is one engagement.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Months in a round, by days (30.44 a month), rounded to the nearest month, at least one. */
export function roundMonths(from: Date, to: Date): number {
	const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
	return Math.max(1, Math.round(days / 30.44));
}

/** Most needs one volunteer takes in a round. */
export function roundCapacity(monthlyCapacity: number, from: Date, to: Date): number {
	return Math.max(0, monthlyCapacity) * roundMonths(from, to);
}
