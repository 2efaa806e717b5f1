// Every page and endpoint answers with the security headers, and no page breaks under its
// Content-Security-Policy (the browser reports violations on the console).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, hasChromium, signIn, useAppInChromium } from './harness';

const routesDir = path.resolve(import.meta.dirname, '../../src/routes');

/** Route paths of every +page.svelte and +server.ts, e.g. `/needs/[id]`; groups such as `(app)` are not in the path. */
function routes(dir = routesDir, prefix = ''): { route: string; page: boolean }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory()) return routes(path.join(dir, entry.name), /^\(.+\)$/.test(entry.name) ? prefix : `${prefix}/${entry.name}`);
		if (entry.name === '+page.svelte') return [{ route: prefix || '/', page: true }];
		if (entry.name === '+server.ts') return [{ route: prefix, page: false }];
		return [];
	});
}

describe.skipIf(!hasChromium)('security headers', () => {
	const e2e = useAppInChromium();

	it('sends CSP with a nonce, nosniff, a referrer policy and no framing on every page and endpoint', async () => {
		const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const page = await context.newPage();
		const violations: string[] = [];
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
		});
		await signIn(page, e2e.app.url, 'admin');
		// Ids for the routes with parameters, taken from the demo data through the pages themselves.
		const firstLink = async (listPath: string, pattern: RegExp) => {
			await page.goto(`${e2e.app.url}${listPath}`, { waitUntil: 'networkidle' });
			const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
			const href = hrefs.find((h) => pattern.test(h));
			if (!href) throw new Error(`no link matching ${pattern} on ${listPath}`);
			return href;
		};
		const concrete: Record<string, string> = {
			'/board/[roundId]': await firstLink('/board', /^\/board\/[^/]+$/),
			'/needs/[id]': await firstLink('/needs', /^\/needs\/(?!new|import|export)[^/?]+$/),
			'/volunteers/[id]': await firstLink('/volunteers', /^\/volunteers\/(?!new|import|export)[^/?]+$/),
			'/invite/[code]': '/invite/not-a-code',
			'/api/trpc/[...trpc]': '/api/trpc/orgs.tree'
		};
		const all = routes();
		expect(all.length).toBeGreaterThan(20);
		for (const { route, page: isPage } of all) {
			// Routes without a demo link get an id that exists nowhere: their refusal page carries the headers too.
			const url = concrete[route] ?? route.replace(/\[[^\]]+\]/g, 'missing');
			const response = isPage
				? await page.goto(`${e2e.app.url}${url}`, { waitUntil: 'networkidle' })
				: await page.request.get(`${e2e.app.url}${url}`);
			const headers = response!.headers();
			expect(headers['x-content-type-options'], url).toBe('nosniff');
			expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
			expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
			if (isPage) {
				const csp = headers['content-security-policy'];
				expect(csp, url).toMatch(/script-src 'self' 'nonce-[^']+'/);
				expect(csp, url).toContain("object-src 'none'");
			}
		}
		expect(violations).toEqual([]);
		await context.close();
	});
});
