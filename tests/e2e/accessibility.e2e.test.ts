// Every page of the app, as the person who uses it, at phone and desktop sizes: axe-core
// finds no serious or critical violation, and a screenshot of each first screen is left for
// a person to look at (tests/.artifacts/a11y-*.png).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

/** A page to check: a fixed path, or one found by following the first link of a list page. */
type Visit = { name: string; path: string } | { name: string; from: string; link: string };

const PAGES: Record<string, Visit[]> = {
	'': [
		{ name: 'login', path: '/login' },
		{ name: 'invite', path: '/invite' }
	],
	school: [
		{ name: 'home-school', path: '/' },
		{ name: 'needs-school', path: '/needs' },
		{ name: 'need-new', path: '/needs/new' },
		{ name: 'need-detail', from: '/needs', link: '[data-testid=need-row] a' },
		{ name: 'needs-import-school', path: '/needs/import' }
	],
	coord: [
		{ name: 'needs-coord', path: '/needs' },
		{ name: 'volunteers', path: '/volunteers' },
		{ name: 'volunteer-new', path: '/volunteers/new' },
		{ name: 'volunteers-import', path: '/volunteers/import' },
		{ name: 'needs-import', path: '/needs/import' },
		{ name: 'volunteer-detail', from: '/volunteers', link: 'tbody a' },
		{ name: 'leaves', path: '/leaves' },
		{ name: 'orgs', path: '/admin/orgs' },
		{ name: 'audit', path: '/audit' },
		{ name: 'rounds', path: '/board' }
	],
	volunteer: [
		{ name: 'me', path: '/me' },
		{ name: 'me-availability', path: '/me/availability' },
		{ name: 'me-leave', path: '/me/leave' },
		{ name: 'me-profile', path: '/me/profile' }
	],
	leader: [
		{ name: 'home-leader', path: '/' },
		{ name: 'volunteers-leader', path: '/volunteers' }
	]
};

async function visit(page: Page, base: string, v: Visit) {
	if ('path' in v) {
		await page.goto(`${base}${v.path}`, { waitUntil: 'networkidle' });
		return;
	}
	await page.goto(`${base}${v.from}`, { waitUntil: 'networkidle' });
	const href = await page.locator(v.link).first().getAttribute('href');
	expect(href, `${v.name}: a link to follow on ${v.from}`).toBeTruthy();
	await page.goto(`${base}${href}`, { waitUntil: 'networkidle' });
}

describe.skipIf(!hasChromium)('accessibility of every page', () => {
	const e2e = useAppInChromium();

	for (const [size, viewport] of [
		['phone', PHONE],
		['desktop', DESKTOP]
	] as const) {
		it(`has no serious or critical axe violation at ${size} size`, { timeout: 180_000 }, async () => {
			const found: Record<string, unknown> = {};
			for (const [user, visits] of Object.entries(PAGES)) {
				const context = await e2e.browser.newContext({ viewport, locale: 'zh-CN' });
				const page = await context.newPage();
				if (user) await signIn(page, e2e.app.url, user);
				for (const v of visits) {
					await visit(page, e2e.app.url, v);
					if (user) expect(new URL(page.url()).pathname, `${v.name} as ${user} is not sent to sign in`).not.toBe('/login');
					await page.screenshot({ path: path.join(SCREENSHOT_DIR, `a11y-${v.name}-${size}.png`) });
					const violations = await seriousA11yViolations(page);
					if (violations.length) found[`${v.name} (${user || 'signed out'})`] = violations;
				}
				await context.close();
			}
			expect(found).toEqual({});
		});
	}
});
