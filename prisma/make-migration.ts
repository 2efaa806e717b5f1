// `npm run db:migration -- <name>`: writes the SQL that takes both databases from the schema
// of the last migration (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma.
// Prisma's `migrate diff` compares two schema files offline; no database is touched.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from './database';
import { toPostgresSchema } from './schema-variants.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
	console.error('usage: npm run db:migration -- <name>   (name: lowercase letters, digits, _)');
	process.exit(2);
}

const prismaDir = path.join(projectRoot, 'prisma');
const snapshot = path.join(prismaDir, 'migrations', 'schema.snapshot.prisma');
const source = path.join(prismaDir, 'schema.prisma');
const scratch = mkdtempSync(path.join(tmpdir(), 'sb-migration-'));
// The SQLite side of the diff opens a scratch database under data/, which a fresh clone lacks.
mkdirSync(path.join(projectRoot, 'data'), { recursive: true });
const prismaBin = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js');

function diff(fromFile: string, toFile: string, databaseUrl: string): string {
	return execFileSync(
		process.execPath,
		[prismaBin, 'migrate', 'diff', '--from-schema-datamodel', fromFile, '--to-schema-datamodel', toFile, '--script'],
		{ cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }
	);
}

// Prisma's JavaScript schema engine opens its PostgreSQL adapter even for a file-to-file diff.
const postgresForDiff = process.env.MIGRATION_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const pgFrom = path.join(scratch, 'from.prisma');
const pgTo = path.join(scratch, 'to.prisma');
writeFileSync(pgFrom, toPostgresSchema(readFileSync(snapshot, 'utf8')));
writeFileSync(pgTo, toPostgresSchema(readFileSync(source, 'utf8')));

const plans = [
	{ dir: path.join(prismaDir, 'migrations'), sql: diff(snapshot, source, 'file:./data/diff.db') },
	{ dir: path.join(prismaDir, 'postgres', 'migrations'), sql: diff(pgFrom, pgTo, postgresForDiff) }
];
if (plans.every((p) => !/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA)/m.test(p.sql))) {
	console.log('schema.prisma matches the last migration: nothing to write');
	process.exit(0);
}
const next = String(readdirSync(plans[0].dir).filter((d) => /^\d{4}_/.test(d)).length + 1).padStart(4, '0');
for (const plan of plans) {
	const dir = path.join(plan.dir, `${next}_${name}`);
	mkdirSync(dir, { recursive: true });
	writeFileSync(path.join(dir, 'migration.sql'), plan.sql);
	console.log(`wrote ${path.relative(projectRoot, dir)}/migration.sql`);
}
copyFileSync(source, snapshot);
