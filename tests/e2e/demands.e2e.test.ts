// A school posts a need in the browser: a mistake is named under its field as they type,
// fixed, saved and listed; coordinators then see it in their list.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('demand list in Chromium', () => {
	const e2e = useAppInChromium();

	it('lets a school post a need after fixing a validation error', async () => {
		const context = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await context.newPage();
		await signIn(page, e2e.app.url, 'school');
		await page.goto(`${e2e.app.url}/needs/new`, { waitUntil: 'networkidle' });
		await page.locator('#title').fill('法治讲座：预防网络诈骗');
		await page.locator('#from').fill('2027-04-20');
		await page.locator('#to').fill('2027-04-10');
		await page.getByTestId('publish').click();
		// Both mistakes are named under their fields, in Chinese, and nothing is saved.
		await expect
			.poll(() => page.getByTestId('field-error').allTextContents())
			.toEqual(expect.arrayContaining(['结束日期不能早于开始日期', '请至少选择一类对象']));
		expect(await page.locator('#to').getAttribute('aria-invalid')).toBe('true');
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'need-errors-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.locator('#to').fill('2027-04-30');
		await page.getByLabel('小学高年级').check();
		await page.getByTestId('publish').click();
		await page.waitForURL(/\/needs\/[^/]+$/);
		await expect.poll(() => page.getByTestId('status').first().textContent()).toBe('征集中');

		await page.goto(`${e2e.app.url}/needs?q=${encodeURIComponent('网络诈骗')}`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.getByTestId('need-row').count()).toBe(1);
		await context.close();
	});

	it('gives coordinators a sortable, filterable list of their area', async () => {
		const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const page = await context.newPage();
		await signIn(page, e2e.app.url, 'dcoord');
		await page.goto(`${e2e.app.url}/needs?status=open&sort=priority&dir=desc`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.getByTestId('need-row').count()).toBeGreaterThan(5);
		// A district coordinator sees only that district's schools.
		const schools = await page.locator('[data-testid=need-row] td:nth-child(2)').allTextContents();
		expect(schools.every((s) => s.startsWith('东湖'))).toBe(true);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'needs-list-desktop.png') });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await context.close();
	});

	it('lets a city coordinator narrow the list to a district and a school, or find a school by pinyin initials', async () => {
		const context = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await context.newPage();
		await signIn(page, e2e.app.url, 'coord');
		await page.goto(`${e2e.app.url}/needs`, { waitUntil: 'networkidle' });
		const schoolsShown = () => page.locator('[data-testid=need-row] td:nth-child(2)').allTextContents();
		await page.getByLabel('区县').selectOption({ label: '西山区关工委' });
		await expect.poll(async () => (await schoolsShown()).every((s) => s.startsWith('西山'))).toBe(true);
		// The school choice now offers only that district's schools.
		const offered = (await page.getByLabel('学校', { exact: true }).locator('option').allTextContents()).slice(1);
		expect(offered.length).toBeGreaterThan(1);
		expect(offered.every((s) => s.startsWith('西山'))).toBe(true);
		await page.getByLabel('学校', { exact: true }).selectOption({ label: '西山实验小学' });
		await expect.poll(async () => [...new Set(await schoolsShown())]).toEqual(['西山实验小学']);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'needs-filters-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.goto(`${e2e.app.url}/needs`, { waitUntil: 'networkidle' });
		await page.getByRole('searchbox').fill('njsy');
		await page.getByRole('searchbox').press('Enter');
		await expect.poll(async () => [...new Set(await schoolsShown())]).toEqual(['南江实验小学']);
		await context.close();
	});
});
