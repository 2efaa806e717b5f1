// End-to-end harness: the production build served by the real server entry on a fresh,
// seeded SQLite database, and Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { resolveDatabase } from '../../prisma/database';
import { migrate } from '../../prisma/migrate';
import { createDb, type Db } from '../../src/lib/server/db';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const root = path.resolve(import.meta.dirname, '../..');

export const DEMO_PASSWORD = 'silver2026';

export interface RunningApp {
	url: string;
	databaseUrl: string;
	stop(): Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
		try {
			const res = await fetch(url);
			if (res.status < 500) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`server did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
}

export interface StartAppOptions {
	env?: Record<string, string>;
	/** Fills the fresh database before the server starts (then the demo seed is skipped). */
	prepare?: (db: Db) => Promise<void>;
}

/** Starts `npm start`'s entry (migrate, seed, serve the build) on a free port and a temp database. */
export async function startApp({ env = {}, prepare }: StartAppOptions = {}): Promise<RunningApp> {
	const dir = mkdtempSync(path.join(tmpdir(), 'sb-e2e-'));
	const port = await freePort();
	const databaseUrl = `file:${path.join(dir, 'e2e.db')}`;
	if (prepare) {
		const target = resolveDatabase({ DATABASE_URL: databaseUrl });
		await migrate(target);
		const db = createDb(target);
		try {
			await prepare(db);
		} finally {
			await db.$disconnect();
		}
	}
	let log = '';
	const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'server/start.ts'], {
		cwd: root,
		env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (log += d));
	child.stderr?.on('data', (d) => (log += d));
	const url = `http://127.0.0.1:${port}`;
	try {
		await waitForHttp(`${url}/login`, child, () => log);
	} catch (e) {
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
	return {
		url,
		databaseUrl,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((r) => child.once('exit', r));
				child.kill('SIGTERM');
				await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage']
	});
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1366, height: 900 };

/** Signs in through the real login form. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
	await page.goto(`${baseUrl}/login`, { waitUntil: 'networkidle' });
	await page.locator('#identifier').fill(username);
	await page.locator('#password').fill(password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.locator('button[type=submit]').click()]);
}

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
	const { default: axe } = await import('axe-core');
	// Evaluated rather than added as a <script>: the pages' CSP rightly refuses inline scripts.
	await page.evaluate(axe.source);
	return page.evaluate(async () => {
		const w = window as unknown as {
			axe: {
				run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
			};
		};
		const result = await w.axe.run(document);
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
	});
}

/** Where e2e screenshots go, for a person to look at. */
export const SCREENSHOT_DIR = path.join(root, 'tests/.artifacts');

/**
 * The production app and a Chromium for one test file: started before its tests, stopped
 * after them. Read `app` and `browser` inside tests, once they are running.
 */
export function useAppInChromium(
	options: StartAppOptions = {},
	startTimeoutMs?: number
): { readonly app: RunningApp; readonly browser: Browser } {
	const running = {} as { app: RunningApp; browser: Browser };
	beforeAll(async () => {
		mkdirSync(SCREENSHOT_DIR, { recursive: true });
		[running.app, running.browser] = await Promise.all([startApp(options), launchBrowser()]);
	}, startTimeoutMs);
	afterAll(async () => {
		await running.browser?.close();
		await running.app?.stop();
	});
	return running;
}
