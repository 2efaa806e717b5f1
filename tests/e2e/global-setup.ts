// Builds the production app once before the end-to-end tests, when the build is missing
// or older than the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { hasChromium } from './harness';

const root = path.resolve(import.meta.dirname, '../..');

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name === 'paraglide' || entry.name === 'generated' || entry.name === 'node_modules') continue;
			newest = Math.max(newest, newestMtime(full));
		} else newest = Math.max(newest, statSync(full).mtimeMs);
	}
	return newest;
}

export function buildIsStale(): boolean {
	const handler = path.join(root, 'build/handler.js');
	if (!existsSync(handler)) return true;
	const built = statSync(handler).mtimeMs;
	return [path.join(root, 'src'), path.join(root, 'static')].some((d) => newestMtime(d) > built);
}

export default function setup() {
	if (!hasChromium) {
		console.warn('[e2e] /usr/bin/chromium not found: end-to-end tests will be skipped (apt-get install -y chromium)');
		return;
	}
	if (buildIsStale()) {
		console.log('[e2e] building the production app…');
		execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
	}
}
