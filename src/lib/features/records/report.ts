// Report figures as SQL aggregates over SessionRecord (its report copies are indexed), so a
// year of a whole prefecture is a handful of grouped scans, never rows loaded into JS. The
// SQL is the common subset of SQLite and PostgreSQL. Pupils never appear: the record table
// holds counts only.
import { Prisma, type Db } from '$lib/server/db';
import { countedWhere, DIMENSIONS, monthsOf, periodRange, type Dimension, type Period } from './domain';

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

/** The records a report counts, as a Prisma `where` (the drill-down lists them with it). */
export function reportWhere(scopePath: string, period: Period, now: Date, filter?: { dimension: Dimension; key: string | null }) {
	return {
		schoolPath: { startsWith: scopePath },
		heldAt: periodRange(period),
		...countedWhere(now),
		...(filter ? { [COLUMN[filter.dimension]]: filter.key } : {})
	};
}

/** LIKE's wildcards in an organisation path stand for themselves. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The same records as `reportWhere`, as SQL over `SessionRecord r`. Which hours count is
 * `hoursCount`'s rule (confirmed, or pending past its auto-approval day); the exactness test
 * holds the two to the same answer.
 */
function reportSql(scopePath: string, period: Period, now: Date) {
	const range = periodRange(period);
	return Prisma.sql`r."schoolPath" LIKE ${likePrefix(scopePath)} ESCAPE '\\'
		AND r."heldAt" >= ${range.gte} AND r."heldAt" < ${range.lt}
		AND r."outcome" IN ('held', 'substitute')
		AND (r."approval" = 'confirmed' OR (r."approval" = 'pending' AND r."autoApproveAt" <= ${now}))`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** PostgreSQL returns counts and integer sums as bigint, SQLite as numbers. */
type Num = number | bigint | null;
interface GroupRow {
	key: string | number | null;
	sessions: Num;
	minutes: Num;
	reached: Num;
	volunteers: Num;
	schools: Num;
	rural: Num;
	leftBehind: Num;
	scoreSum: Num;
	evaluated: Num;
}

type Distinct = { volunteers: boolean; schools: boolean };

/** The aggregate columns every grouped scan selects. */
const figureColumns = (distinct: Distinct) => Prisma.sql`
	COUNT(*) AS "sessions",
	SUM(r."minutes") AS "minutes",
	SUM(r."pupils" + r."parents" + r."teachers") AS "reached",
	${distinct.volunteers ? Prisma.sql`COUNT(DISTINCT r."volunteerId")` : Prisma.sql`NULL`} AS "volunteers",
	${distinct.schools ? Prisma.sql`COUNT(DISTINCT r."schoolId")` : Prisma.sql`1`} AS "schools",
	SUM(CASE WHEN r."rural" THEN 1 ELSE 0 END) AS "rural",
	SUM(CASE WHEN r."leftBehind" THEN 1 ELSE 0 END) AS "leftBehind",
	SUM(r."score") AS "scoreSum",
	COUNT(r."score") AS "evaluated"`;

function toFigures(r: GroupRow): Figures {
	const minutes = Number(r.minutes ?? 0);
	const evaluated = Number(r.evaluated ?? 0);
	return {
		sessions: Number(r.sessions),
		minutes,
		hours: round1(minutes / 60),
		reached: Number(r.reached ?? 0),
		volunteers: Number(r.volunteers ?? 0),
		schools: Number(r.schools),
		rural: Number(r.rural ?? 0),
		leftBehind: Number(r.leftBehind ?? 0),
		averageScore: evaluated ? round2(Number(r.scoreSum) / evaluated) : null,
		evaluated
	};
}

/**
 * One grouped scan: the figures per value of `key` (a column or expression), or in total when
 * null. Distinct counts are the costly part, so a caller that knows them (one school per school
 * row) or does not need them (the monthly trend) says so in `distinct`.
 */
async function grouped(
	db: Db,
	where: Prisma.Sql,
	key: Prisma.Sql | null,
	distinct: Distinct = { volunteers: true, schools: true }
): Promise<(Figures & { key: string | number | null })[]> {
	const rows = await db.$queryRaw<GroupRow[]>`
		SELECT ${key ?? Prisma.sql`NULL`} AS "key", ${figureColumns(distinct)}
		FROM "SessionRecord" r
		WHERE ${where}
		${key ? Prisma.sql`GROUP BY 1` : Prisma.empty}`;
	// Without GROUP BY an empty scan still yields one row, of zero sessions.
	return rows
		.filter((r) => Number(r.sessions) > 0)
		.map((r) => ({ key: typeof r.key === 'bigint' ? Number(r.key) : r.key, ...toFigures(r) }));
}

const EMPTY: Figures = {
	sessions: 0,
	minutes: 0,
	hours: 0,
	reached: 0,
	volunteers: 0,
	schools: 0,
	rural: 0,
	leftBehind: 0,
	averageScore: null,
	evaluated: 0
};

/** One breakdown: a row of figures per value of the dimension, largest first. */
async function breakdown(db: Db, where: Prisma.Sql, dimension: Dimension): Promise<ReportRow[]> {
	const rows = await grouped(db, where, Prisma.raw(`r."${COLUMN[dimension]}"`), { volunteers: true, schools: dimension !== 'school' });
	return rows
		.map((r) => ({ ...r, key: r.key === null ? null : String(r.key) }))
		.sort((a, b) => b.sessions - a.sessions || String(a.key).localeCompare(String(b.key)));
}

/** The index of the month each record falls in, as a CASE over the months' Shanghai boundaries. */
function monthIndex(months: ReturnType<typeof monthsOf>) {
	return Prisma.sql`CASE ${Prisma.join(
		months.map((mo, i) => Prisma.sql`WHEN r."heldAt" < ${mo.lt} THEN ${Prisma.raw(String(i))}`),
		' '
	)} END`;
}

export interface Report {
	period: Period;
	totals: Figures;
	breakdowns: Record<Dimension, ReportRow[]>;
	months: { month: string; sessions: number; hours: number; reached: number }[];
}

export async function buildReport(db: Db, scopePath: string, period: Period, now: Date): Promise<Report> {
	const where = reportSql(scopePath, period, now);
	const months = monthsOf(period);
	const [totals, trend, ...breakdowns] = await Promise.all([
		grouped(db, where, null),
		grouped(db, where, monthIndex(months), { volunteers: false, schools: false }),
		...DIMENSIONS.map((d) => breakdown(db, where, d))
	]);
	const byMonth = new Map(trend.map((r) => [Number(r.key), r]));
	return {
		period,
		totals: (({ key: _, ...figures }) => figures)(totals[0] ?? { ...EMPTY, key: null }),
		breakdowns: Object.fromEntries(DIMENSIONS.map((d, i) => [d, breakdowns[i]])) as Report['breakdowns'],
		months: months.map((mo, i) => {
			const r = byMonth.get(i) ?? EMPTY;
			return { month: mo.month, sessions: r.sessions, hours: r.hours, reached: r.reached };
		})
	};
}

export interface Thresholds {
	minSessions: number;
	minAverageScore: number;
}

/**
 * The commendation shortlist: volunteers who meet the organisation's thresholds (at least N
 * sessions and a mean evaluation of at least S) first, each part ranked by counted hours, then
 * sessions, people reached and mean score.
 */
export async function volunteerShortlist(db: Db, scopePath: string, period: Period, now: Date, thresholds: Thresholds) {
	const rows = await db.$queryRaw<(GroupRow & { name: string; category: string })[]>`
		SELECT r."volunteerId" AS "key", v."name" AS "name", v."category" AS "category",
			${figureColumns({ volunteers: false, schools: true })}
		FROM "SessionRecord" r JOIN "VolunteerProfile" v ON v."id" = r."volunteerId"
		WHERE ${reportSql(scopePath, period, now)}
		GROUP BY r."volunteerId", v."name", v."category"`;
	return rows
		.map((r) => {
			const f = toFigures(r);
			return {
				volunteerId: String(r.key),
				name: r.name,
				category: r.category,
				sessions: f.sessions,
				hours: f.hours,
				reached: f.reached,
				averageScore: f.averageScore,
				eligible: f.sessions >= thresholds.minSessions && f.averageScore !== null && f.averageScore >= thresholds.minAverageScore
			};
		})
		.sort(
			(a, b) =>
				Number(b.eligible) - Number(a.eligible) ||
				b.hours - a.hours ||
				b.sessions - a.sessions ||
				b.reached - a.reached ||
				(b.averageScore ?? 0) - (a.averageScore ?? 0) ||
				a.name.localeCompare(b.name)
		);
}

/** Schools ranked by the activities they held (then hours and people reached). */
export async function schoolShortlist(db: Db, scopePath: string, period: Period, now: Date) {
	const rows = await breakdown(db, reportSql(scopePath, period, now), 'school');
	const orgs = await db.organization.findMany({ where: { id: { in: rows.map((r) => r.key!) } }, select: { id: true, name: true } });
	const names = new Map(orgs.map((o) => [o.id, o.name]));
	return rows
		.map((r) => ({
			schoolId: r.key!,
			name: names.get(r.key!) ?? '',
			sessions: r.sessions,
			hours: r.hours,
			reached: r.reached,
			volunteers: r.volunteers,
			averageScore: r.averageScore
		}))
		.sort((a, b) => b.sessions - a.sessions || b.hours - a.hours || b.reached - a.reached || a.name.localeCompare(b.name));
}
