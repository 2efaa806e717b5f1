// A veteran on a phone marks free times and asks for leave; a coordinator approves it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('veterans and leave in Chromium', () => {
	const e2e = useAppInChromium();

	it('lets a veteran edit free times and ask for leave on a phone, and a coordinator approve it', async () => {
		const phone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await phone.newPage();
		await signIn(page, e2e.app.url, 'volunteer');
		await page.goto(`${e2e.app.url}/me`, { waitUntil: 'networkidle' });
		// Large type for older eyes.
		expect(
			parseFloat(
				await page
					.locator('.senior')
					.first()
					.evaluate((el) => getComputedStyle(el).fontSize)
			)
		).toBeGreaterThanOrEqual(18);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'me-phone.png') });
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.getByRole('link', { name: '修改我的空闲时间' }).click();
		await page.getByTestId('slot-3:morning').click();
		await expect.poll(() => page.getByTestId('slot-3:morning').getAttribute('aria-pressed')).toBe('true');
		await page.getByTestId('save-availability').click();
		await expect.poll(() => page.locator('.alert.info').textContent()).toContain('已保存');
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'availability-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.reload();
		expect(await page.getByTestId('slot-3:morning').getAttribute('aria-pressed')).toBe('true');

		await page.goto(`${e2e.app.url}/me/leave`, { waitUntil: 'networkidle' });
		await page.locator('#leave-from').fill('2027-05-10');
		await page.locator('#leave-to').fill('2027-05-03');
		await page.locator('#leave-reason').fill('参加老年大学结业典礼');
		await page.getByRole('button', { name: '提交请假' }).click();
		await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('结束日期不能早于开始日期');
		await page.locator('#leave-to').fill('2027-05-20');
		await page.getByRole('button', { name: '提交请假' }).click();
		await expect.poll(() => page.getByTestId('my-leave').first().textContent()).toContain('等待批准');
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'leave-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);

		const desk = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const coordinator = await desk.newPage();
		await signIn(coordinator, e2e.app.url, 'dcoord');
		await coordinator.goto(`${e2e.app.url}/leaves`, { waitUntil: 'networkidle' });
		const row = coordinator.getByTestId('leave-row').filter({ hasText: '参加老年大学结业典礼' });
		await row.getByRole('button', { name: '批准', exact: true }).click();
		await expect.poll(() => coordinator.getByTestId('leave-row').filter({ hasText: '参加老年大学结业典礼' }).count()).toBe(0);
		await coordinator.screenshot({ path: path.join(SCREENSHOT_DIR, 'leaves-desktop.png') });
		expect(await seriousA11yViolations(coordinator)).toEqual([]);

		// The coordinator finds the veteran by pinyin initials and filters by topic.
		await coordinator.goto(`${e2e.app.url}/volunteers`, { waitUntil: 'networkidle' });
		await coordinator.getByPlaceholder('姓名或拼音首字母（如 zw）').fill('lxl');
		await coordinator.getByRole('button', { name: '筛选' }).click();
		await expect.poll(() => coordinator.getByTestId('volunteer-row').allTextContents()).toEqual([expect.stringContaining('李秀兰')]);
		await coordinator.getByLabel('话题').selectOption({ label: '阅读辅导' });
		await expect.poll(() => coordinator.getByTestId('volunteer-row').count()).toBeGreaterThanOrEqual(1);
		await coordinator.screenshot({ path: path.join(SCREENSHOT_DIR, 'volunteers-desktop.png') });
		expect(await seriousA11yViolations(coordinator)).toEqual([]);

		await page.reload();
		await expect.poll(() => page.getByTestId('my-leave').first().textContent()).toContain('已批准');
		await phone.close();
		await desk.close();
	});

	it('lets a veteran keep their details and a coordinator register a volunteer, with named errors', async () => {
		const phone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await phone.newPage();
		await signIn(page, e2e.app.url, 'volunteer');
		await page.goto(`${e2e.app.url}/me/profile`, { waitUntil: 'networkidle' });
		await page.getByLabel('法治与安全').check();
		await page.getByRole('button', { name: '保存' }).click();
		await expect.poll(() => page.locator('.alert.info').textContent()).toContain('已保存');
		await page.reload();
		expect(await page.getByLabel('法治与安全').isChecked()).toBe(true);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'profile-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await phone.close();

		const desk = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const coordinator = await desk.newPage();
		await signIn(coordinator, e2e.app.url, 'dcoord');
		await coordinator.goto(`${e2e.app.url}/volunteers/new`, { waitUntil: 'networkidle' });
		await coordinator.locator('#v-phone').fill('123');
		await coordinator.getByRole('button', { name: '保存' }).click();
		await expect
			.poll(() => coordinator.locator('.field-error').allTextContents())
			.toEqual(expect.arrayContaining(['手机号应为 11 位数字，以 1 开头', '请至少选择一个话题']));
		await coordinator.locator('#v-name').fill('孙志刚');
		await coordinator.locator('#v-phone').fill('13700001111');
		await coordinator.getByLabel('五史教育').check();
		await coordinator.getByRole('button', { name: '保存' }).click();
		await coordinator.waitForURL(/\/volunteers\/(?!new$)[^/]+$/);
		expect(await coordinator.locator('h1').textContent()).toContain('孙志刚');
		expect(await seriousA11yViolations(coordinator)).toEqual([]);
		await desk.close();
	});
});
