// Pure rules of records: what the one-tap form proposes, when hours count, report periods.
// No I/O here, so the router, the seed and the tests share one definition.

import { endOfDayIn, startOfDayIn } from '$lib/domain/dates';

export type Outcome = 'held' | 'not_held' | 'substitute';

/** The breakdowns of a report, in page order. */
export const DIMENSIONS = ['district', 'school', 'kind', 'topic', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Approval = 'pending' | 'confirmed' | 'disputed';

const DAY_MS = 86_400_000;

/** What the one-tap button records: the plan's minutes and audience. */
export function plannedRecord(
	session: { startsAt: Date | null; endsAt: Date | null },
	demand: { sessionMinutes: number; audienceSize: number; kind: string }
) {
	const minutes =
		session.startsAt && session.endsAt
			? Math.round((session.endsAt.getTime() - session.startsAt.getTime()) / 60_000)
			: demand.sessionMinutes;
	const reached = demand.audienceSize;
	return demand.kind === 'parent_school'
		? { minutes, pupils: 0, parents: reached, teachers: 0 }
		: { minutes, pupils: reached, parents: 0, teachers: 0 };
}

export const autoApproveAt = (recordedAt: Date, days: number) => new Date(recordedAt.getTime() + days * DAY_MS);

/** Do the record's hours count at `now`? Confirmed, or pending past the organisation's N days. */
export function hoursCount(r: { outcome: Outcome; approval: Approval; autoApproveAt: Date }, now: Date): boolean {
	if (r.outcome === 'not_held') return false;
	return r.approval === 'confirmed' || (r.approval === 'pending' && r.autoApproveAt <= now);
}

/** The same rule as a Prisma `where`, so reports count in SQL exactly what `hoursCount` says. */
export function countedWhere(now: Date) {
	return {
		outcome: { in: ['held', 'substitute'] as Outcome[] },
		OR: [{ approval: 'confirmed' as const }, { approval: 'pending' as const, autoApproveAt: { lte: now } }]
	};
}

export interface Period {
	from: string;
	/** Inclusive last day. */
	to: string;
}

/** The half-open instant range of an inclusive day period. */
export function periodRange(p: Period) {
	return { gte: startOfDayIn(p.from), lt: endOfDayIn(p.to) };
}

/** The months (YYYY-MM) a period touches, with their instant ranges clipped to it. */
export function monthsOf(p: Period) {
	const range = periodRange(p);
	const out: { month: string; gte: Date; lt: Date }[] = [];
	let [y, m] = p.from.slice(0, 7).split('-').map(Number);
	for (;;) {
		const month = `${y}-${String(m).padStart(2, '0')}`;
		if (month > p.to.slice(0, 7)) break;
		const start = startOfDayIn(`${month}-01`);
		[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
		const end = startOfDayIn(`${y}-${String(m).padStart(2, '0')}-01`);
		out.push({ month, gte: start < range.gte ? range.gte : start, lt: end > range.lt ? range.lt : end });
	}
	return out;
}

/** The named periods a report offers, relative to today (a Shanghai calendar day). */
export function presetPeriods(today: string) {
	const y = Number(today.slice(0, 4));
	const firstHalf = today.slice(5) < '07-01';
	// The autumn semester runs September to January, the spring one February to July.
	const autumnYear = today.slice(5) >= '09-01' ? y : y - 1;
	const springYear = today.slice(5) >= '02-01' ? y : y - 1;
	return {
		halfYear: firstHalf ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` },
		year: { from: `${y}-01-01`, to: `${y}-12-31` },
		autumnSemester: { from: `${autumnYear}-09-01`, to: `${autumnYear + 1}-01-31` },
		springSemester: { from: `${springYear}-02-01`, to: `${springYear}-07-31` }
	} satisfies Record<string, Period>;
}

/**
 * The mean evaluation to two decimals, rounded half up, from the sum of the scores in thirds
 * (each score is the mean of three whole marks). Summing the scores as floats would round a
 * mean such as 3.875 either way depending on the order of the sum.
 */
export function averageScore(thirds: number, evaluated: number) {
	return Math.round((thirds * 100) / (3 * evaluated)) / 100;
}
