// Reports at prefecture scale: five years of records (≥ 100 000) across 8 districts and 480
// schools, in a temp SQLite database (and PostgreSQL when DATABASE_URL names one). Timed:
// the one-year report for the whole prefecture and its commendation shortlist through the
// real tRPC procedures (SQL aggregates). Baseline, in the same run: the same figures computed
// naively in JavaScript from the year's rows loaded with findMany; the two must agree.
// Run: npm run bench:reports
import { availableParallelism, loadavg } from 'node:os';
import { mulberry32 } from '../src/lib/domain/random';
import { buildTree } from '../tests/helpers/fixtures';
import { createTestDb, postgresUrl } from '../tests/helpers/test-db';
import { createCallerFactory } from '../src/lib/server/trpc/init';
import { appRouter } from '../src/lib/server/trpc/router';
import type { Db } from '../src/lib/server/db';
import { DEMAND_KINDS, TOPICS, VOLUNTEER_CATEGORIES } from '../src/lib/domain/vocabulary';
import { averageScore, DIMENSIONS, hoursCount, monthsOf, periodRange, type Period } from '../src/lib/features/records/domain';
import { dayAt } from '../src/lib/domain/dates';

const RUNS = 9;
const YEARS = [2022, 2023, 2024, 2025, 2026];
const DISTRICTS = 8;
const SCHOOLS_PER_DISTRICT = 60;
const VOLUNTEERS = 3000;
const SESSIONS_PER_YEAR = 21_000;
const PERIOD: Period = { from: '2026-01-01', to: '2026-12-31' };
const createCaller = createCallerFactory(appRouter);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function chunked<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 2000) {
	for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

async function buildPrefecture(db: Db) {
	const random = mulberry32(12);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const tree = await buildTree(db);
	const city = await db.organization.findUniqueOrThrow({ where: { id: tree.city } });
	const districts = Array.from({ length: DISTRICTS }, (_, d) => ({ id: `bd${d}`, path: `${city.path}bd${d}/` }));
	await db.organization.createMany({
		data: districts.map((d, i) => ({
			id: d.id,
			name: `测试区${i + 1}`,
			level: 'district' as const,
			parentId: city.id,
			path: d.path,
			districtId: d.id
		}))
	});
	const schools = districts.flatMap((d) =>
		Array.from({ length: SCHOOLS_PER_DISTRICT }, (_, s) => ({
			id: `${d.id}s${s}`,
			path: `${d.path}${d.id}s${s}/`,
			districtId: d.id,
			rural: s % 3 === 0
		}))
	);
	await chunked(schools, (chunk) =>
		db.organization.createMany({
			data: chunk.map((s) => ({
				id: s.id,
				name: `测试学校${s.id}`,
				level: 'school' as const,
				parentId: s.districtId,
				path: s.path,
				districtId: s.districtId,
				rural: s.rural
			}))
		})
	);
	const volunteers = Array.from({ length: VOLUNTEERS }, (_, i) => ({
		id: `bv${i}`,
		category: pick(VOLUNTEER_CATEGORIES),
		district: districts[i % DISTRICTS].id
	}));
	await chunked(volunteers, (chunk) =>
		db.volunteerProfile.createMany({
			data: chunk.map((v) => ({ id: v.id, orgId: v.district, homeDistrictId: v.district, name: `志愿者${v.id}`, category: v.category }))
		})
	);
	// One need per school and kind; sessions of five years hang off them.
	const demands = schools.flatMap((s) =>
		DEMAND_KINDS.map((kind, k) => ({ id: `${s.id}k${k}`, school: s, kind, topic: pick(TOPICS), leftBehind: random() < 0.2 }))
	);
	await chunked(demands, (chunk) =>
		db.demand.createMany({
			data: chunk.map((d) => ({
				id: d.id,
				orgId: d.school.id,
				kind: d.kind,
				title: `活动${d.id}`,
				topic: d.topic,
				audienceSize: 45,
				windowFrom: new Date('2022-01-01'),
				windowTo: new Date('2026-12-31'),
				status: 'done' as const,
				rural: d.school.rural,
				leftBehind: d.leftBehind
			}))
		})
	);
	let n = 0;
	for (const year of YEARS) {
		const yearStart = Date.parse(`${year}-01-01T00:00:00+08:00`);
		const yearMs = Date.parse(`${year + 1}-01-01T00:00:00+08:00`) - yearStart;
		const rows = Array.from({ length: SESSIONS_PER_YEAR }, () => {
			const d = pick(demands);
			const v = pick(volunteers);
			const startsAt = new Date(yearStart + Math.floor(random() * yearMs));
			const minutes = 45 + Math.floor(random() * 4) * 15;
			const outcome = random() < 0.05 ? ('not_held' as const) : random() < 0.05 ? ('substitute' as const) : ('held' as const);
			const approval = random() < 0.7 ? ('confirmed' as const) : random() < 0.9 ? ('pending' as const) : ('disputed' as const);
			const score =
				outcome !== 'not_held' && approval === 'confirmed' && random() < 0.8
					? [3 + Math.floor(random() * 3), 3 + Math.floor(random() * 3), 2 + Math.floor(random() * 4)]
					: null;
			return { id: `bs${n++}`, d, v, startsAt, minutes, outcome, approval, score };
		});
		await chunked(rows, (chunk) =>
			db.scheduledSession.createMany({
				data: chunk.map((r) => ({
					id: r.id,
					roundId: tree.roundId,
					demandId: r.d.id,
					orgId: r.d.school.id,
					startsAt: r.startsAt,
					endsAt: new Date(r.startsAt.getTime() + r.minutes * 60_000),
					status: r.outcome === 'not_held' ? ('not_held' as const) : ('held' as const)
				}))
			})
		);
		await chunked(rows, (chunk) =>
			db.sessionRecord.createMany({
				data: chunk.map((r) => {
					const held = r.outcome !== 'not_held';
					const reached = held ? 20 + Math.floor(random() * 60) : 0;
					return {
						sessionId: r.id,
						outcome: r.outcome,
						notHeldReason: held ? null : '停课',
						substituteName: r.outcome === 'substitute' ? '代课老师' : null,
						minutes: held ? r.minutes : 0,
						pupils: r.d.kind === 'parent_school' ? 0 : reached,
						parents: r.d.kind === 'parent_school' ? reached : 0,
						teachers: held ? Math.floor(random() * 4) : 0,
						recordedById: tree.users.schoolA1,
						recordedAt: r.startsAt,
						approval: r.approval,
						confirmedAt: r.approval === 'confirmed' ? r.startsAt : null,
						autoApproveAt: new Date(r.startsAt.getTime() + 7 * 86_400_000),
						locked: r.approval === 'confirmed',
						heldAt: r.startsAt,
						schoolId: r.d.school.id,
						schoolPath: r.d.school.path,
						districtId: r.d.school.districtId,
						kind: r.d.kind,
						topic: r.d.topic,
						rural: r.d.school.rural,
						leftBehind: r.d.leftBehind,
						volunteerId: r.outcome === 'substitute' ? null : r.v.id,
						volunteerCategory: r.outcome === 'substitute' ? null : r.v.category,
						score: r.score ? (r.score[0] + r.score[1] + r.score[2]) / 3 : null
					};
				})
			})
		);
		const evaluated = rows.filter((r) => r.score);
		await chunked(evaluated, (chunk) =>
			db.evaluation.createMany({
				data: chunk.map((r) => {
					const [content, delivery, engagement] = r.score!;
					return {
						sessionId: r.id,
						content,
						delivery,
						engagement,
						score: (content + delivery + engagement) / 3,
						authorId: tree.users.schoolA1
					};
				})
			})
		);
	}
	return { tree, records: n };
}

/** The baseline: load the period's rows and aggregate them in JavaScript. */
async function naiveReport(db: Db, scopePath: string, period: Period, now: Date) {
	const range = periodRange(period);
	const rows = (
		await db.sessionRecord.findMany({
			where: { schoolPath: { startsWith: scopePath }, heldAt: { gte: range.gte, lt: range.lt } },
			include: { evaluation: { select: { score: true } } }
		})
	).filter((r) => hoursCount(r, now));
	type Row = (typeof rows)[number];
	const figures = (rs: Row[]) => {
		const minutes = rs.reduce((a, r) => a + r.minutes, 0);
		const scored = rs.filter((r) => r.evaluation);
		return {
			sessions: rs.length,
			minutes,
			hours: Math.round((minutes / 60) * 10) / 10,
			reached: rs.reduce((a, r) => a + r.pupils + r.parents + r.teachers, 0),
			volunteers: new Set(rs.map((r) => r.volunteerId).filter(Boolean)).size,
			schools: new Set(rs.map((r) => r.schoolId)).size,
			rural: rs.filter((r) => r.rural).length,
			leftBehind: rs.filter((r) => r.leftBehind).length,
			averageScore: scored.length
				? averageScore(
						scored.reduce((a, r) => a + Math.round(r.evaluation!.score * 3), 0),
						scored.length
					)
				: null,
			evaluated: scored.length
		};
	};
	const column = { district: 'districtId', school: 'schoolId', kind: 'kind', topic: 'topic', category: 'volunteerCategory' } as const;
	const groupBy = (key: (r: Row) => string | null) => {
		const groups = new Map<string | null, Row[]>();
		for (const r of rows) {
			const k = key(r);
			const list = groups.get(k);
			if (list) list.push(r);
			else groups.set(k, [r]);
		}
		return groups;
	};
	const breakdowns = Object.fromEntries(
		DIMENSIONS.map((d) => [
			d,
			[...groupBy((r) => r[column[d]]).entries()]
				.map(([key, rs]) => ({ key, ...figures(rs) }))
				.sort((a, b) => b.sessions - a.sessions || String(a.key).localeCompare(String(b.key)))
		])
	);
	const byMonth = groupBy((r) => dayAt(r.heldAt).slice(0, 7));
	const months = monthsOf(period).map((mo) => {
		const f = figures(byMonth.get(mo.month) ?? []);
		return { month: mo.month, sessions: f.sessions, hours: f.hours, reached: f.reached };
	});
	return { totals: figures(rows), breakdowns, months };
}

async function time(run: () => Promise<unknown>) {
	await run();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await run();
		times.push(performance.now() - t0);
	}
	return median(times);
}

for (const provider of ['sqlite', ...(postgresUrl() ? ['postgresql' as const] : [])] as const) {
	const t = await createTestDb(provider);
	try {
		const t0 = performance.now();
		const { tree, records } = await buildPrefecture(t.db);
		// A live PostgreSQL has statistics and a visibility map (autovacuum keeps them); a freshly
		// bulk-loaded one gets them here.
		if (provider === 'postgresql') await t.db.$executeRawUnsafe('VACUUM ANALYZE');
		const built = ((performance.now() - t0) / 1000).toFixed(0);
		const leader = await t.db.user.findUniqueOrThrow({ where: { username: 'leader' } });
		const api = createCaller({
			db: t.db,
			locale: 'zh',
			user: { id: leader.id, username: 'leader', displayName: 'leader', locale: 'zh' },
			sessionId: null,
			ip: '127.0.0.1'
		});
		const city = await t.db.organization.findUniqueOrThrow({ where: { id: tree.city } });
		const input = { scopeOrgId: tree.city, ...PERIOD };
		const now = new Date();
		// The figures must agree before their times mean anything.
		const [sql, naive] = await Promise.all([api.reports.summary(input), naiveReport(t.db, city.path, PERIOD, now)]);
		const same = JSON.stringify({ totals: sql.totals, breakdowns: sql.breakdowns, months: sql.months }) === JSON.stringify(naive);
		if (!same) throw new Error('the SQL report and the naive recomputation differ');

		const cases: [string, () => Promise<unknown>][] = [
			['naive JS aggregation of the year’s rows (baseline)', () => naiveReport(t.db, city.path, PERIOD, now)],
			['report (reports.summary, SQL aggregates)', () => api.reports.summary(input)],
			['shortlist (reports.shortlist)', () => api.reports.shortlist(input)],
			['/reports page data (summary + shortlist)', () => Promise.all([api.reports.summary(input), api.reports.shortlist(input)])],
			['district report (reports.summary, one district)', () => api.reports.summary({ ...input, scopeOrgId: 'bd0' })]
		];
		const rows: { name: string; ms: number }[] = [];
		for (const [name, run] of cases) rows.push({ name, ms: await time(run) });
		const inYear = sql.totals.sessions;
		console.log(
			`\nReports on ${provider}: ${records.toLocaleString('en')} records over ${YEARS.length} years, ${DISTRICTS * SCHOOLS_PER_DISTRICT} schools; ` +
				`one year, whole prefecture (${inYear.toLocaleString('en')} counted); built in ${built} s; median of ${RUNS}; ` +
				`load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores\n`
		);
		console.log('| query | median ms | × baseline |');
		console.log('|---|---:|---:|');
		for (const row of rows) console.log(`| ${row.name} | ${row.ms.toFixed(1)} | ${(row.ms / rows[0].ms).toFixed(2)} |`);
	} finally {
		await t.cleanup();
	}
}
