// What `npm start` runs: bring the database up to date, seed the demo once, build the app
// when the build is missing or older than the sources, then serve app and board on PORT.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot, resolveDatabase } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { getDb, type Db } from '../src/lib/server/db';
import { appBuildFile, envPort, superviseProcess, startServer } from './index';

/** Generated code is rebuilt by the build itself and does not make a build stale. */
const GENERATED = new Set(['node_modules', 'generated', 'paraglide']);

function newestMtime(file: string): number {
	const stat = statSync(file);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const entry of readdirSync(file)) {
		if (!GENERATED.has(entry)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
	}
	return newest;
}

function buildIsStale(): boolean {
	if (!existsSync(appBuildFile)) return true;
	const built = statSync(appBuildFile).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js'].map((p) => path.join(projectRoot, p)).filter((p) => existsSync(p));
	return sources.some((p) => newestMtime(p) > built);
}

/** prisma/seed.ts is optional: an install without it simply starts empty. */
async function seedDemoIfEmpty(db: Db): Promise<void> {
	if ((await db.organization.count()) > 0) return;
	const file = path.join(projectRoot, 'prisma', 'seed.ts');
	if (!existsSync(file)) {
		console.warn('The database is empty and prisma/seed.ts is missing: starting without demo data.');
		return;
	}
	const { seedDemo } = (await import(pathToFileURL(file).href)) as { seedDemo?: (db: Db) => Promise<unknown> };
	if (typeof seedDemo !== 'function') throw new Error('prisma/seed.ts exports no seedDemo(db)');
	console.log('Seeding the demo data…');
	await seedDemo(db);
}

const target = resolveDatabase(process.env);
const report = await migrate(target);
console.log(
	`Database: ${target.provider === 'sqlite' ? target.url : 'PostgreSQL'} (${report.applied.length} migration(s) applied)`
);
const db = getDb();
await seedDemoIfEmpty(db);

if (process.env.SB_NO_APP !== '1' && buildIsStale()) {
	console.log('Building the app (the build is missing or older than the sources)…');
	const build = spawnSync('npx', ['vite', 'build'], { cwd: projectRoot, stdio: 'inherit' });
	if (build.status !== 0) {
		console.error('The build failed; not starting.');
		process.exit(1);
	}
}

const host = process.env.HOST ?? '0.0.0.0';
const running = await startServer({ port: envPort(), host, db });
console.log(`Silverbridge listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${running.port}`);
console.log('Demo: sign in as "coord" (or admin, coord2, leader, school, volunteer) with password "silver2026".');
superviseProcess(running, db);
