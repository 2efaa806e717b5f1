// Report figures as SQL aggregates over SessionRecord (its report copies are indexed), so a
// year of a whole prefecture is a handful of grouped scans, never rows loaded into JS.
// Pupils never appear: the record table holds counts only.
import type { Db } from '$lib/server/db';
import { countedWhere, monthsOf, periodRange, type Period } from './domain';

export const DIMENSIONS = ['district', 'school', 'kind', 'topic', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const COLUMN = { district: 'districtId', school: 'schoolId', kind: 'kind', topic: 'topic', category: 'volunteerCategory' } as const;

export interface Figures {
	sessions: number;
	minutes: number;
	/** Hours served, to one decimal. */
	hours: number;
	reached: number;
	volunteers: number;
	schools: number;
	rural: number;
	leftBehind: number;
	/** Mean evaluation score (1–5) to two decimals, null when nothing was evaluated. */
	averageScore: number | null;
	evaluated: number;
}

export interface ReportRow extends Figures {
	key: string | null;
}

/** The records a report counts: in scope, in the period, with hours that count at `now`. */
export function reportWhere(scopePath: string, period: Period, now: Date, filter?: { dimension: Dimension; key: string | null }) {
	return {
		schoolPath: { startsWith: scopePath },
		heldAt: periodRange(period),
		...countedWhere(now),
		...(filter ? { [COLUMN[filter.dimension]]: filter.key } : {})
	};
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

type Where = ReturnType<typeof reportWhere>;

async function figures(db: Db, where: Where): Promise<Figures> {
	const [sum, rural, leftBehind, volunteers, schools, score] = await Promise.all([
		db.sessionRecord.aggregate({ where, _count: { _all: true }, _sum: { minutes: true, pupils: true, parents: true, teachers: true } }),
		db.sessionRecord.count({ where: { ...where, rural: true } }),
		db.sessionRecord.count({ where: { ...where, leftBehind: true } }),
		db.sessionRecord.groupBy({ by: ['volunteerId'], where: { ...where, volunteerId: { not: null } } }),
		db.sessionRecord.groupBy({ by: ['schoolId'], where }),
		db.evaluation.aggregate({ where: { record: where }, _avg: { score: true }, _count: { _all: true } })
	]);
	const minutes = sum._sum.minutes ?? 0;
	return {
		sessions: sum._count._all,
		minutes,
		hours: round1(minutes / 60),
		reached: (sum._sum.pupils ?? 0) + (sum._sum.parents ?? 0) + (sum._sum.teachers ?? 0),
		volunteers: volunteers.length,
		schools: schools.length,
		rural,
		leftBehind,
		averageScore: score._avg.score === null ? null : round2(score._avg.score),
		evaluated: score._count._all
	};
}

/** One breakdown: a row of figures per value of the dimension, largest first. */
async function breakdown(db: Db, where: Where, dimension: Dimension): Promise<ReportRow[]> {
	const by = COLUMN[dimension];
	const groups = await db.sessionRecord.groupBy({
		by: [by],
		where,
		_count: { _all: true },
		_sum: { minutes: true, pupils: true, parents: true, teachers: true }
	});
	const keys = groups.map((g) => (g as Record<string, unknown>)[by] as string | null);
	// The per-group distinct counts and averages come from a few more grouped queries.
	const [rural, leftBehind, volunteerPairs, schoolPairs, scores] = await Promise.all([
		db.sessionRecord.groupBy({ by: [by], where: { ...where, rural: true }, _count: { _all: true } }),
		db.sessionRecord.groupBy({ by: [by], where: { ...where, leftBehind: true }, _count: { _all: true } }),
		db.sessionRecord.groupBy({ by: [by, 'volunteerId'], where: { ...where, volunteerId: { not: null } } }),
		db.sessionRecord.groupBy({ by: [by, 'schoolId'], where }),
		averageScores(db, where, by)
	]);
	const countOf = (rows: { _count: { _all: number } }[], key: string | null) =>
		rows.find((r) => (r as Record<string, unknown>)[by] === key)?._count._all ?? 0;
	const distinct = (rows: object[], key: string | null) => rows.filter((r) => (r as Record<string, unknown>)[by] === key).length;
	return groups
		.map((g, i) => {
			const key = keys[i];
			const minutes = g._sum.minutes ?? 0;
			const s = scores.get(key);
			return {
				key,
				sessions: g._count._all,
				minutes,
				hours: round1(minutes / 60),
				reached: (g._sum.pupils ?? 0) + (g._sum.parents ?? 0) + (g._sum.teachers ?? 0),
				volunteers: distinct(volunteerPairs, key),
				schools: distinct(schoolPairs, key),
				rural: countOf(rural, key),
				leftBehind: countOf(leftBehind, key),
				averageScore: s ? round2(s.sum / s.count) : null,
				evaluated: s?.count ?? 0
			};
		})
		.sort((a, b) => b.sessions - a.sessions || String(a.key).localeCompare(String(b.key)));
}

/** Sum and count of evaluation scores per group; evaluations carry no report copies, so group their records. */
async function averageScores(db: Db, where: Where, by: (typeof COLUMN)[Dimension] | 'volunteerId') {
	const rows = await db.sessionRecord.groupBy({ by: [by], where: { ...where, evaluation: { isNot: null } }, _count: { _all: true } });
	const out = new Map<string | null, { sum: number; count: number }>();
	await Promise.all(
		rows.map(async (r) => {
			const key = (r as Record<string, unknown>)[by] as string | null;
			const agg = await db.evaluation.aggregate({
				where: { record: { ...where, [by]: key } },
				_sum: { score: true },
				_count: { _all: true }
			});
			out.set(key, { sum: agg._sum.score ?? 0, count: agg._count._all });
		})
	);
	return out;
}

export interface Report {
	period: Period;
	totals: Figures;
	breakdowns: Record<Dimension, ReportRow[]>;
	months: { month: string; sessions: number; hours: number; reached: number }[];
}

export async function buildReport(db: Db, scopePath: string, period: Period, now: Date): Promise<Report> {
	const where = reportWhere(scopePath, period, now);
	const [totals, district, school, kind, topic, category, months] = await Promise.all([
		figures(db, where),
		...DIMENSIONS.map((d) => breakdown(db, where, d)),
		Promise.all(
			monthsOf(period).map(async (mo) => {
				const agg = await db.sessionRecord.aggregate({
					where: { ...where, heldAt: { gte: mo.gte, lt: mo.lt } },
					_count: { _all: true },
					_sum: { minutes: true, pupils: true, parents: true, teachers: true }
				});
				return {
					month: mo.month,
					sessions: agg._count._all,
					hours: round1((agg._sum.minutes ?? 0) / 60),
					reached: (agg._sum.pupils ?? 0) + (agg._sum.parents ?? 0) + (agg._sum.teachers ?? 0)
				};
			})
		)
	]);
	return {
		period,
		totals: totals as Figures,
		breakdowns: { district, school, kind, topic, category } as Report['breakdowns'],
		months: months as Report['months']
	};
}

export interface Thresholds {
	minSessions: number;
	minAverageScore: number;
}

/** Volunteers ranked by counted hours, with their sessions, reach and mean score; `eligible` applies the org's thresholds. */
export async function volunteerShortlist(db: Db, scopePath: string, period: Period, now: Date, thresholds: Thresholds) {
	const where = { ...reportWhere(scopePath, period, now), volunteerId: { not: null } };
	const groups = await db.sessionRecord.groupBy({
		by: ['volunteerId'],
		where,
		_count: { _all: true },
		_sum: { minutes: true, pupils: true, parents: true, teachers: true }
	});
	const ids = groups.map((g) => g.volunteerId!);
	const [profiles, scores] = await Promise.all([
		db.volunteerProfile.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, category: true } }),
		averageScores(db, where, 'volunteerId')
	]);
	const names = new Map(profiles.map((p) => [p.id, p]));
	return groups
		.map((g) => {
			const s = scores.get(g.volunteerId);
			const averageScore = s ? round2(s.sum / s.count) : null;
			const sessions = g._count._all;
			return {
				volunteerId: g.volunteerId!,
				name: names.get(g.volunteerId!)?.name ?? '',
				category: names.get(g.volunteerId!)?.category ?? null,
				sessions,
				hours: round1((g._sum.minutes ?? 0) / 60),
				reached: (g._sum.pupils ?? 0) + (g._sum.parents ?? 0) + (g._sum.teachers ?? 0),
				averageScore,
				eligible: sessions >= thresholds.minSessions && averageScore !== null && averageScore >= thresholds.minAverageScore
			};
		})
		.sort((a, b) => b.hours - a.hours || b.sessions - a.sessions || a.name.localeCompare(b.name));
}

/** Schools ranked by the activities they held. */
export async function schoolShortlist(db: Db, scopePath: string, period: Period, now: Date) {
	const rows = await breakdown(db, reportWhere(scopePath, period, now), 'school');
	const orgs = await db.organization.findMany({ where: { id: { in: rows.map((r) => r.key!) } }, select: { id: true, name: true } });
	const names = new Map(orgs.map((o) => [o.id, o.name]));
	return rows.map((r) => ({
		schoolId: r.key!,
		name: names.get(r.key!) ?? '',
		sessions: r.sessions,
		hours: r.hours,
		reached: r.reached,
		volunteers: r.volunteers,
		averageScore: r.averageScore
	}));
}
