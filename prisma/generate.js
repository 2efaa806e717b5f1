// Derives the PostgreSQL schema copy from prisma/schema.prisma and generates both clients.
// Run by `npm install` (postinstall) and `npm run db:generate`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toPostgresSchema } from './schema-variants.js';

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(prismaDir);
const source = readFileSync(path.join(prismaDir, 'schema.prisma'), 'utf8');
mkdirSync(path.join(prismaDir, 'postgres'), { recursive: true });
writeFileSync(path.join(prismaDir, 'postgres', 'schema.prisma'), toPostgresSchema(source));

const prismaBin = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
// The URLs only pick the provider in prisma.config.ts; generate never connects.
for (const url of ['file:./data/generate.db', 'postgresql://generate@localhost/generate']) {
	execFileSync(process.execPath, [prismaBin, 'generate'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' }
	});
}
