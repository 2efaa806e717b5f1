// The foundation's vertical slice in a real browser: sign in, open the round's board in
// two browsers, drag in one, see it (and the other's presence) in the other.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('foundation slice in Chromium', () => {
	const e2e = useAppInChromium();

	it('explains a wrong password in Chinese', async () => {
		const context = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await context.newPage();
		await page.goto(`${e2e.app.url}/login`, { waitUntil: 'networkidle' });
		await page.locator('#identifier').fill('coord');
		await page.locator('#password').fill('not-the-password');
		await page.locator('button[type=submit]').click();
		const error = page.getByTestId('login-error');
		await expect.poll(() => error.textContent()).toContain('用户名或密码错误');
		expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'login-error-phone.png') });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await context.close();
	});

	it('shows a drag in one browser to another, with presence, and keeps it after reload', async () => {
		const a = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const b = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const pageA = await a.newPage();
		const pageB = await b.newPage();
		await signIn(pageA, e2e.app.url, 'coord');
		await signIn(pageB, e2e.app.url, 'coord2');

		await pageA.goto(`${e2e.app.url}/board`, { waitUntil: 'networkidle' });
		await pageA.getByRole('link', { name: '打开看板' }).first().click();
		await pageA.waitForURL(/\/board\/[^/]+$/);
		const boardUrl = pageA.url();
		await pageB.goto(boardUrl, { waitUntil: 'networkidle' });
		for (const page of [pageA, pageB]) {
			await expect.poll(() => page.getByTestId('board-status').textContent(), { timeout: 15_000 }).toContain('已实时同步');
		}

		// Each sees the other's avatar.
		await expect.poll(() => pageB.getByTestId('presence').locator('.avatar[title]').count()).toBeGreaterThanOrEqual(2);

		const volunteer = pageA.getByTestId('volunteer').first();
		const volunteerName = (await volunteer.locator('.name').textContent())!.trim();
		const demand = pageA.getByTestId('demand').first();
		const demandId = await demand.getAttribute('data-demand-id');
		await volunteer.dragTo(demand);

		const mirrored = pageB.locator(`[data-demand-id="${demandId}"]`).getByTestId('placement');
		await expect.poll(() => mirrored.first().textContent(), { timeout: 10_000 }).toContain(volunteerName);
		await pageB.screenshot({ path: path.join(SCREENSHOT_DIR, 'board-second-e2e.browser.png') });

		await pageA.reload();
		const kept = pageA.locator(`[data-demand-id="${demandId}"]`).getByTestId('placement');
		await expect.poll(() => kept.first().textContent(), { timeout: 10_000 }).toContain(volunteerName);
		await a.close();
		await b.close();
	});
});
