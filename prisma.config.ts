// Prisma CLI configuration. Both providers run on the JavaScript schema engine through
// a driver adapter, so `generate`, `migrate diff` and `migrate deploy` work offline.
import { defineConfig } from 'prisma/config';
import { resolveDatabase } from './prisma/database';

const db = resolveDatabase(process.env);

export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: db.schemaPath,
	migrations: { path: db.migrationsPath },
	async adapter() {
		if (db.provider === 'postgresql') {
			const { PrismaPg } = await import('@prisma/adapter-pg');
			return new PrismaPg({ connectionString: db.url });
		}
		const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
		return new PrismaBetterSQLite3({ url: db.url });
	}
});
