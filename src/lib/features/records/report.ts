// Report figures as SQL aggregates over SessionRecord (its report copies are indexed), so a
// year of a whole prefecture is a handful of grouped scans, never rows loaded into JS. The
// SQL is the common subset of SQLite and PostgreSQL. Pupils never appear: the record table
// holds counts only.
import { Prisma, providerOf, type Db } from '$lib/server/db';
import { averageScore, countedWhere, DIMENSIONS, monthsOf, periodRange, type Dimension, type Period } from './domain';

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
	/** The sum of evaluation scores in thirds: each score is the mean of three whole marks, so this sum is exact. */
	scoreThirds: Num;
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
	SUM(ROUND(r."score" * 3)) AS "scoreThirds",
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
		averageScore: evaluated ? averageScore(Number(r.scoreThirds), evaluated) : null,
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
	return sortRows(rows.map((r) => ({ ...r, key: r.key === null ? null : String(r.key) })));
}

const sortRows = (rows: ReportRow[]) => rows.sort((a, b) => b.sessions - a.sessions || String(a.key).localeCompare(String(b.key)));

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

/** The report's groupings: a column of the scanned rows each ("total" groups everything). */
const GROUPINGS = ['total', 'month', ...DIMENSIONS] as const;
type Grouping = (typeof GROUPINGS)[number];
const scanned = { total: null, month: 'm', district: 'd', school: 's', kind: 'k', topic: 't', category: 'c' } as const;

interface ScanRow extends GroupRow {
	grouping: Grouping;
	part: 'figures' | 'volunteers' | 'schools';
	n: Num;
}

/**
 * The whole report in one statement: the period's counted rows are scanned once into a
 * materialized CTE, and every grouping aggregates that. Keys are text so that the branches of
 * the UNION agree on PostgreSQL (enums, the month's index).
 *
 * Distinct volunteers and schools are counted per dialect, each the faster there (the
 * exactness test runs both): PostgreSQL groups distinct pairs first, as rows of their own
 * joined to their group's figures in buildReport (COUNT(DISTINCT) would make it sort every
 * grouping); SQLite sorts each grouping anyway, and counting distinct values inside that one
 * pass halves its time (11 more sorts of the period's rows otherwise).
 */
async function scanReport(db: Db, where: Prisma.Sql, months: ReturnType<typeof monthsOf>) {
	const pairs = providerOf(db) === 'postgresql';
	const key = (g: Grouping) => Prisma.raw(scanned[g] ?? 'NULL');
	const groupBy = (g: Grouping) => (scanned[g] ? Prisma.raw(`GROUP BY ${scanned[g]}`) : Prisma.empty);
	// The trend needs no distinct counts, and a school's row has one school.
	const counted = (g: Grouping, part: 'volunteers' | 'schools') => g !== 'month' && !(part === 'schools' && g === 'school');
	const inline = (g: Grouping, part: 'volunteers' | 'schools', column: 'v' | 's') =>
		!pairs && counted(g, part) ? Prisma.raw(`COUNT(DISTINCT ${column})`) : Prisma.raw('CAST(NULL AS BIGINT)');
	const figures = GROUPINGS.map(
		(g) => Prisma.sql`SELECT ${Prisma.raw(`'${g}'`)} AS "grouping", 'figures' AS "part", ${key(g)} AS "key", COUNT(*) AS "sessions",
			SUM("minutes") AS "minutes", SUM("reached") AS "reached", SUM("rural") AS "rural",
			SUM("leftBehind") AS "leftBehind", SUM("score") AS "scoreThirds", COUNT("score") AS "evaluated",
			${inline(g, 'volunteers', 'v')} AS "volunteers", ${inline(g, 'schools', 's')} AS "schools", CAST(NULL AS BIGINT) AS "n"
			FROM f ${groupBy(g)}`
	);
	const distinct = (part: 'volunteers' | 'schools', column: 'v' | 's') =>
		GROUPINGS.filter((g) => pairs && counted(g, part)).map((g) => {
			const pair = scanned[g] ? Prisma.raw(`${scanned[g]}, ${column}`) : Prisma.raw(column);
			return Prisma.sql`SELECT ${Prisma.raw(`'${g}', '${part}'`)}, ${key(g)}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, COUNT(*)
				FROM (SELECT DISTINCT ${pair} FROM f WHERE ${Prisma.raw(column)} IS NOT NULL) x ${groupBy(g)}`;
		});
	return db.$queryRaw<ScanRow[]>`
		WITH f AS MATERIALIZED (
			SELECT CAST(r."districtId" AS TEXT) AS d, CAST(r."schoolId" AS TEXT) AS s, CAST(r."kind" AS TEXT) AS k,
				CAST(r."topic" AS TEXT) AS t, CAST(r."volunteerCategory" AS TEXT) AS c, r."volunteerId" AS v,
				CAST(${monthIndex(months)} AS TEXT) AS m, r."minutes" AS "minutes",
				r."pupils" + r."parents" + r."teachers" AS "reached",
				CASE WHEN r."rural" THEN 1 ELSE 0 END AS "rural", CASE WHEN r."leftBehind" THEN 1 ELSE 0 END AS "leftBehind",
				ROUND(r."score" * 3) AS "score"
			FROM "SessionRecord" r
			WHERE ${where}
		)
		${Prisma.join([...figures, ...distinct('volunteers', 'v'), ...distinct('schools', 's')], ' UNION ALL ')}`;
}

export async function buildReport(db: Db, scopePath: string, period: Period, now: Date): Promise<Report> {
	const months = monthsOf(period);
	const rows = await scanReport(db, reportSql(scopePath, period, now), months);
	const groups = new Map<string, Figures & { key: string | null }>();
	const id = (g: Grouping, key: string | null) => `${g}\u0000${key ?? ''}\u0000${key === null}`;
	for (const r of rows.filter((r) => r.part === 'figures' && Number(r.sessions) > 0)) {
		const key = r.key === null ? null : String(r.key);
		// A school's row has its one school; distinct counts come inline (SQLite) or as rows below.
		groups.set(id(r.grouping, key), { key, ...toFigures({ ...r, schools: r.grouping === 'school' ? 1 : r.schools }) });
	}
	for (const r of rows.filter((r) => r.part !== 'figures')) {
		const group = groups.get(id(r.grouping, r.key === null ? null : String(r.key)));
		if (group) group[r.part as 'volunteers' | 'schools'] = Number(r.n);
	}
	const of = (g: Grouping) => [...groups.entries()].filter(([k]) => k.startsWith(`${g}\u0000`)).map(([, v]) => v);
	const byMonth = new Map(of('month').map((r) => [Number(r.key), r]));
	return {
		period,
		totals: (({ key: _, ...figures }) => figures)(of('total')[0] ?? { ...EMPTY, key: null }),
		breakdowns: Object.fromEntries(DIMENSIONS.map((d) => [d, sortRows(of(d))])) as Report['breakdowns'],
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
