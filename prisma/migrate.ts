// Applies the SQL migrations of the active provider, in order, once each.
// Prisma's own `migrate deploy` needs its schema engine, which cannot read PostgreSQL's
// catalog through the pg driver adapter; plain SQL files applied in a transaction can.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveDatabase, type DatabaseTarget } from './database';

export interface MigrationReport {
	applied: string[];
	alreadyApplied: number;
}

function listMigrations(dir: string): { name: string; sql: string }[] {
	return readdirSync(dir, { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => e.name)
		.sort()
		.map((name) => ({ name, sql: readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') }));
}

const TABLE = '_silverbridge_migrations';

export async function migrate(target: DatabaseTarget): Promise<MigrationReport> {
	const migrations = listMigrations(target.migrationsPath);
	return target.provider === 'postgresql' ? migratePostgres(target.url, migrations) : migrateSqlite(target.url, migrations);
}

async function migrateSqlite(url: string, migrations: { name: string; sql: string }[]): Promise<MigrationReport> {
	const { default: Database } = await import('better-sqlite3');
	const file = url.slice('file:'.length);
	if (!existsSync(path.dirname(file))) mkdirSync(path.dirname(file), { recursive: true });
	const sqlite = new Database(file);
	try {
		sqlite.pragma('journal_mode = WAL');
		sqlite.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`);
		const done = new Set((sqlite.prepare(`SELECT name FROM "${TABLE}"`).all() as { name: string }[]).map((r) => r.name));
		const applied: string[] = [];
		for (const m of migrations) {
			if (done.has(m.name)) continue;
			sqlite.transaction(() => {
				sqlite.exec(m.sql);
				sqlite.prepare(`INSERT INTO "${TABLE}" (name, applied_at) VALUES (?, ?)`).run(m.name, new Date().toISOString());
			})();
			applied.push(m.name);
		}
		return { applied, alreadyApplied: done.size };
	} finally {
		sqlite.close();
	}
}

async function migratePostgres(url: string, migrations: { name: string; sql: string }[]): Promise<MigrationReport> {
	const { default: pg } = await import('pg');
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		// Two app instances may start together: serialise migrations on an advisory lock.
		await client.query('SELECT pg_advisory_lock(727274)');
		await client.query(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)`);
		const done = new Set((await client.query<{ name: string }>(`SELECT name FROM "${TABLE}"`)).rows.map((r) => r.name));
		const applied: string[] = [];
		for (const m of migrations) {
			if (done.has(m.name)) continue;
			await client.query('BEGIN');
			try {
				await client.query(m.sql);
				await client.query(`INSERT INTO "${TABLE}" (name, applied_at) VALUES ($1, now())`, [m.name]);
				await client.query('COMMIT');
			} catch (e) {
				await client.query('ROLLBACK');
				throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
			}
			applied.push(m.name);
		}
		await client.query('SELECT pg_advisory_unlock(727274)');
		return { applied, alreadyApplied: done.size };
	} finally {
		await client.end();
	}
}

// `npm run db:migrate`: apply pending migrations to the database DATABASE_URL names.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const target = resolveDatabase(process.env);
	const report = await migrate(target);
	console.log(
		`${target.provider}: applied ${report.applied.length} migration(s)${report.applied.length ? ` (${report.applied.join(', ')})` : ''}, ${report.alreadyApplied} already applied`
	);
}
