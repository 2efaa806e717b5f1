// Veterans' time: the week grid they tick, and leave. Pure functions shared by the screens,
// the server and the matching checks.

/** The three parts of a day a veteran can offer, in minutes since midnight. */
export const DAY_PARTS = {
	morning: { from: 8 * 60 + 30, to: 11 * 60 + 30 },
	afternoon: { from: 14 * 60, to: 17 * 60 },
	evening: { from: 19 * 60, to: 21 * 60 }
} as const;
export type DayPart = keyof typeof DAY_PARTS;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export interface Slot {
	weekday: number;
	fromMinute: number;
	toMinute: number;
}

/** Which day parts a stored slot covers (a slot may come from an import with other times). */
export function partsOf(slots: readonly Slot[]): Set<string> {
	const ticked = new Set<string>();
	for (const s of slots) {
		for (const [part, range] of Object.entries(DAY_PARTS)) {
			if (s.fromMinute <= range.from && s.toMinute >= range.to) ticked.add(`${s.weekday}:${part}`);
		}
	}
	return ticked;
}

export function slotsOf(ticked: Iterable<string>): Slot[] {
	return [...ticked].map((key) => {
		const [weekday, part] = key.split(':');
		const range = DAY_PARTS[part as DayPart];
		return { weekday: Number(weekday), fromMinute: range.from, toMinute: range.to };
	});
}

export interface LeaveRange {
	fromDate: Date;
	toDate: Date;
	status: string;
}

/** Leave still in force (pending or approved) that overlaps the range. */
export function overlappingLeave<T extends LeaveRange>(leaves: readonly T[], from: Date, to: Date): T | undefined {
	return leaves.find((l) => (l.status === 'pending' || l.status === 'approved') && l.fromDate <= to && from <= l.toDate);
}
