// Fresh, migrated databases for tests: a temp SQLite file by default, or a throw-away
// PostgreSQL database when asked for one (and DATABASE_URL points at a server).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveDatabase, type DatabaseTarget } from '../../prisma/database';
import { migrate } from '../../prisma/migrate';
import { createDb, type Db } from '../../src/lib/server/db';

export interface TestDb {
	db: Db;
	target: DatabaseTarget;
	cleanup(): Promise<void>;
}

export const postgresUrl = (): string | null =>
	/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : null;

/** The databases a test runs on: SQLite always, PostgreSQL when DATABASE_URL names one. */
export const providers = ['sqlite', ...(postgresUrl() ? ['postgresql' as const] : [])] as const;

export async function createTestDb(provider: 'sqlite' | 'postgresql' = 'sqlite'): Promise<TestDb> {
	if (provider === 'sqlite') {
		const dir = mkdtempSync(path.join(tmpdir(), 'sb-test-'));
		const target = resolveDatabase({ DATABASE_URL: `file:${path.join(dir, 'test.db')}` });
		await migrate(target);
		const db = createDb(target);
		return {
			db,
			target,
			async cleanup() {
				await db.$disconnect();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const base = postgresUrl();
	if (!base) throw new Error('DATABASE_URL must name a PostgreSQL server for this test');
	const { default: pg } = await import('pg');
	const name = `sb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
	const admin = new pg.Client({ connectionString: base });
	await admin.connect();
	await admin.query(`CREATE DATABASE "${name}"`);
	const url = new URL(base);
	url.pathname = `/${name}`;
	const target = resolveDatabase({ DATABASE_URL: url.toString() });
	await migrate(target);
	const db = createDb(target);
	return {
		db,
		target,
		async cleanup() {
			await db.$disconnect();
			await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await admin.end();
		}
	};
}
