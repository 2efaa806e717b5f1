// The PostgreSQL copy of the schema differs from the SQLite source only in its provider
// and where its client is generated.
const HEADER = '// GENERATED from prisma/schema.prisma by prisma/generate.js — do not edit.\n';

/** @param {string} source the SQLite schema source */
export function toPostgresSchema(source) {
	const out = source
		.replace('provider = "sqlite"', 'provider = "postgresql"')
		.replace('"../src/lib/server/db/generated/sqlite"', '"../../src/lib/server/db/generated/postgres"');
	if (out === source) throw new Error('schema.prisma lost its sqlite provider line');
	return HEADER + out;
}
