// Server-side paging at scale: list queries over 10 000 needs and 10 000 volunteers in a temp
// SQLite database (and PostgreSQL when DATABASE_URL names one). The baseline is the first
// unfiltered page of each list, measured in the same run.
// Run: npm run bench:lists
import { buildTree } from '../tests/helpers/fixtures';
import { buildLargeRound } from '../tests/helpers/large-round';
import { createTestDb, postgresUrl } from '../tests/helpers/test-db';
import { createCallerFactory } from '../src/lib/server/trpc/init';
import { appRouter } from '../src/lib/server/trpc/router';
import { nameInitials } from '../src/lib/domain/pinyin';

const RUNS = 15;
const createCaller = createCallerFactory(appRouter);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const provider of ['sqlite', ...(postgresUrl() ? ['postgresql' as const] : [])] as const) {
	const t = await createTestDb(provider);
	try {
		const tree = await buildTree(t.db);
		await buildLargeRound(t.db, { orgId: tree.districtA, districtId: tree.districtA, schools: 200, demands: 10_000, volunteers: 10_000 });
		// The generator leaves initials empty; fill them as the app does on save.
		const people = await t.db.volunteerProfile.findMany({ select: { id: true, name: true } });
		await t.db.$transaction(
			people.map((p) => t.db.volunteerProfile.update({ where: { id: p.id }, data: { nameInitials: nameInitials(p.name) } }))
		);
		const coord = await t.db.user.findUniqueOrThrow({ where: { username: 'cityCoord' } });
		const api = createCaller({
			db: t.db,
			locale: 'zh',
			user: { id: coord.id, username: 'cityCoord', displayName: 'c', locale: 'zh' },
			sessionId: null,
			ip: '127.0.0.1'
		});

		const cases: [string, () => Promise<unknown>][] = [
			['needs: first page (baseline)', () => api.demands.list({})],
			['needs: search "心理"', () => api.demands.list({ search: '心理' })],
			['needs: topic + status filter', () => api.demands.list({ topic: 'legal', status: 'open' })],
			['needs: sort by priority, page 200', () => api.demands.list({ sort: 'priority', direction: 'desc', page: 200 })],
			['volunteers: first page (baseline)', () => api.volunteers.list({})],
			['volunteers: pinyin initials "wj"', () => api.volunteers.list({ search: 'wj' })],
			['volunteers: topic + free on a date', () => api.volunteers.list({ topic: 'history', availableOn: '2027-03-10' })],
			['volunteers: page 300', () => api.volunteers.list({ page: 300 })]
		];
		const rows: { name: string; ms: number }[] = [];
		for (const [name, run] of cases) {
			await run();
			const times: number[] = [];
			for (let i = 0; i < RUNS; i++) {
				const t0 = performance.now();
				await run();
				times.push(performance.now() - t0);
			}
			rows.push({ name, ms: median(times) });
		}
		console.log(`\nList queries on ${provider}, 10 000 needs and 10 000 volunteers, median of ${RUNS}\n`);
		console.log('| query | median ms | × baseline |');
		console.log('|---|---:|---:|');
		for (const row of rows) {
			const baseline = rows.find((r) => r.name.startsWith(row.name.split(':')[0]) && r.name.includes('baseline'))!.ms;
			console.log(`| ${row.name} | ${row.ms.toFixed(1)} | ${(row.ms / baseline).toFixed(2)} |`);
		}
	} finally {
		await t.cleanup();
	}
}
