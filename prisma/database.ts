// Which database this process talks to: PostgreSQL when DATABASE_URL is a postgres URL,
// otherwise the embedded SQLite file. Shared by the Prisma CLI config, the app and scripts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface DatabaseTarget {
	provider: DatabaseProvider;
	/** Connection string (postgres) or file URL (`file:/abs/path.db`) for SQLite. */
	url: string;
	schemaPath: string;
	migrationsPath: string;
}

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
export const projectRoot = path.dirname(prismaDir);

export function resolveDatabase(env: Record<string, string | undefined>): DatabaseTarget {
	const raw = env.DATABASE_URL?.trim();
	if (raw && /^postgres(ql)?:\/\//.test(raw)) {
		return {
			provider: 'postgresql',
			url: raw,
			schemaPath: path.join(prismaDir, 'postgres', 'schema.prisma'),
			migrationsPath: path.join(prismaDir, 'postgres', 'migrations')
		};
	}
	let file = path.join(projectRoot, 'data', 'silverbridge.db');
	if (raw) {
		if (!raw.startsWith('file:')) {
			throw new Error(`DATABASE_URL must start with postgresql:// or file: (got "${raw.slice(0, 20)}…")`);
		}
		file = path.resolve(projectRoot, raw.slice('file:'.length));
	}
	return {
		provider: 'sqlite',
		url: `file:${file}`,
		schemaPath: path.join(prismaDir, 'schema.prisma'),
		migrationsPath: path.join(prismaDir, 'migrations')
	};
}
