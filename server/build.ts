// The production build of the SvelteKit app: whether it is missing or older than its
// sources, and how to make it. Used by `npm start` and by the end-to-end tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../prisma/database';

export const appBuildFile = path.join(projectRoot, 'build', 'handler.js');

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

export function buildIsStale(): boolean {
	if (!existsSync(appBuildFile)) return true;
	const built = statSync(appBuildFile).mtimeMs;
	const sources = ['src', 'static', 'svelte.config.js'].map((p) => path.join(projectRoot, p)).filter((p) => existsSync(p));
	return sources.some((p) => newestMtime(p) > built);
}

/** Runs `vite build` with its output shown; false when the build failed. */
export function buildApp(): boolean {
	const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
	return spawnSync(process.execPath, [vite, 'build'], { cwd: projectRoot, stdio: 'inherit' }).status === 0;
}
