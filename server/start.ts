// What `npm start` runs: bring the database up to date, seed the demo once, build the app
// when the build is missing or older than the sources, then serve app and board on PORT.
import { resolveDatabase } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { seedDemo } from '../prisma/seed';
import { getDb } from '../src/lib/server/db';
import { buildApp, buildIsStale } from './build';
import { envPort, superviseProcess, startServer } from './index';

const target = resolveDatabase(process.env);
const report = await migrate(target);
console.log(`Database: ${target.provider === 'sqlite' ? target.url : 'PostgreSQL'} (${report.applied.length} migration(s) applied)`);
const db = getDb();
const seeded = await seedDemo(db);
if (!seeded.skipped) {
	console.log(`Seeded the demo data: ${seeded.schools} schools, ${seeded.volunteers} volunteers, ${seeded.demands} needs.`);
}

if (process.env.SB_NO_APP !== '1' && buildIsStale()) {
	console.log('Building the app (the build is missing or older than the sources)…');
	if (!buildApp()) {
		console.error('The build failed; not starting.');
		process.exit(1);
	}
}

const host = process.env.HOST ?? '0.0.0.0';
const running = await startServer({ port: envPort(), host, db });
console.log(`Silverbridge listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${running.port}`);
console.log('Demo: sign in as "coord" (or admin, coord2, leader, school, volunteer) with password "silver2026".');
superviseProcess(running, db);
