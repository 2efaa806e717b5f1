// How fast the live board opens at scale: 300, 1 000 and 3 000 needs (with 100, 300, 800
// volunteers) in Chromium against the production build. The baseline is the sign-in page
// measured in the same run, so the ratios stay meaningful on a slower machine.
// Run: npm run bench:board-open   (needs /usr/bin/chromium; builds the app when stale)
import { buildApp, buildIsStale } from '../server/build';
import { buildTree, PASSWORD } from '../tests/helpers/fixtures';
import { buildLargeRound } from '../tests/helpers/large-round';
import { DESKTOP, hasChromium, launchBrowser, signIn, startApp } from '../tests/e2e/harness';

const SIZES = [
	{ demands: 300, volunteers: 100 },
	{ demands: 1000, volunteers: 300 },
	{ demands: 3000, volunteers: 800 }
];
const RUNS = 5;

if (!hasChromium) {
	console.error('bench:board-open needs Chromium at /usr/bin/chromium (apt-get install -y chromium)');
	process.exit(2);
}
if (buildIsStale() && !buildApp()) process.exit(1);

const rounds: { id: string; demands: number; volunteers: number }[] = [];
const app = await startApp({
	async prepare(db) {
		const tree = await buildTree(db);
		for (const [i, size] of SIZES.entries()) {
			// Each round in its own district keeps the pools apart.
			const city = await db.organization.findUniqueOrThrow({ where: { id: tree.city } });
			const created = await db.organization.create({
				data: { name: `测速区${i + 1}`, level: 'district', parentId: city.id, path: 'pending' }
			});
			const district = await db.organization.update({
				where: { id: created.id },
				data: { path: `${city.path}${created.id}/`, districtId: created.id }
			});
			const round = await buildLargeRound(db, {
				orgId: district.id,
				districtId: district.id,
				schools: Math.ceil(size.demands / 25),
				...size,
				roundName: `测速 ${size.demands}`
			});
			rounds.push({ id: round.roundId, ...size });
		}
	}
});
const browser = await launchBrowser();
try {
	const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
	const page = await context.newPage();
	await signIn(page, app.url, 'cityCoord', PASSWORD);

	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	async function timeIt(url: string, ready: string): Promise<number> {
		const times: number[] = [];
		for (let i = 0; i < RUNS; i++) {
			const t0 = performance.now();
			await page.goto(url);
			await page.waitForSelector(ready, { timeout: 30_000 });
			times.push(performance.now() - t0);
		}
		return median(times);
	}

	const baseline = await timeIt(`${app.url}/`, 'main h1');
	const rows = [{ what: 'home page (baseline)', ms: baseline }];
	for (const r of rounds) {
		rows.push({
			what: `board: ${r.demands} needs × ${r.volunteers} volunteers`,
			ms: await timeIt(`${app.url}/board/${r.id}`, '[data-testid=demand]')
		});
	}
	console.log(`\nBoard open time in Chromium, median of ${RUNS} (navigation until the first need card is on screen)\n`);
	console.log('| page | median ms | × baseline |');
	console.log('|---|---:|---:|');
	for (const row of rows) console.log(`| ${row.what} | ${row.ms.toFixed(0)} | ${(row.ms / baseline).toFixed(2)} |`);
	const largest = rows[rows.length - 1].ms;
	console.log(`\nTarget: 3 000 × 800 opens in under 2 000 ms — ${largest < 2000 ? 'met' : 'NOT met'} (${largest.toFixed(0)} ms).`);
} finally {
	await browser.close();
	await app.stop();
}
