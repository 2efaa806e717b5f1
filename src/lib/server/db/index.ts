// The one Prisma client of the process, bound to SQLite or PostgreSQL by DATABASE_URL.
// Both generated clients come from one schema source, so they share the same model API;
// the app is typed against the SQLite client.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { resolveDatabase, type DatabaseTarget } from '../../../../prisma/database';
import { PrismaClient as SqliteClient } from './generated/sqlite/client';
import { PrismaClient as PostgresClient } from './generated/postgres/client';

export type Db = SqliteClient;
export * from './generated/sqlite/enums';
export type * as Models from './generated/sqlite/models';
export { Prisma } from './generated/sqlite/client';

const targets = new WeakMap<Db, DatabaseTarget>();

export function createDb(target: DatabaseTarget): Db {
	const db =
		target.provider === 'postgresql'
			? (new PostgresClient({ adapter: new PrismaPg({ connectionString: target.url, max: 10 }) }) as unknown as Db)
			: new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
	targets.set(db, target);
	return db;
}

/** Which database a client talks to, for the few statements that differ (locks). */
export function providerOf(db: Db): DatabaseTarget['provider'] {
	return targets.get(db)?.provider ?? 'sqlite';
}

/** The database a client made by `createDb` talks to; the board server opens its own SQLite connection to it. */
export function targetOf(db: Db): DatabaseTarget | undefined {
	return targets.get(db);
}

// The SvelteKit bundle and server/ both import this module; one client per process.
const globalKey = Symbol.for('silverbridge.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: Db };

export function getDb(): Db {
	const g = globalThis as GlobalWithDb;
	g[globalKey] ??= createDb(resolveDatabase(process.env));
	return g[globalKey];
}

export function setDb(db: Db): void {
	(globalThis as GlobalWithDb)[globalKey] = db;
}
