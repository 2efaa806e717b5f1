// The resource menu at phone width: a veteran adds an offering, a coordinator approves it, a
// school finds it by pinyin initials and books it, and the board lists the booking.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('resource menu and booking in Chromium', () => {
	const e2e = useAppInChromium();

	it("takes an offering from a veteran's phone through review onto the menu, and a school books it", async () => {
		const shot = (name: string) => path.join(SCREENSHOT_DIR, `offerings-${name}.png`);
		const veteranPhone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const veteran = await veteranPhone.newPage();
		await signIn(veteran, e2e.app.url, 'volunteer');
		await veteran.goto(`${e2e.app.url}/me`, { waitUntil: 'networkidle' });
		await veteran.getByRole('link', { name: '我能讲的课' }).click();
		await veteran.getByRole('link', { name: '添加一门课' }).click();
		await veteran.waitForLoadState('networkidle');
		await veteran.getByLabel('课程名称').fill('红领巾讲家乡故事');
		await veteran.getByLabel('主题').selectOption({ label: '传统文化' });
		await veteran.getByRole('button', { name: '保存' }).click();
		// The audience is required: the form says so before anything is sent.
		await expect.poll(() => veteran.locator('.field-error').first().textContent()).toContain('请至少选择一类对象');
		await veteran.getByLabel('小学高年级').check();
		await veteran.screenshot({ path: shot('veteran-form-phone'), fullPage: true });
		expect(await seriousA11yViolations(veteran)).toEqual([]);
		await veteran.getByRole('button', { name: '保存' }).click();
		await expect.poll(() => veteran.getByRole('status').textContent()).toContain('等待协调员审核');
		await veteran.goto(`${e2e.app.url}/me/offerings`, { waitUntil: 'networkidle' });
		await expect.poll(() => veteran.locator('.mine li').filter({ hasText: '红领巾讲家乡故事' }).textContent()).toContain('待审核');
		await veteran.screenshot({ path: shot('veteran-list-phone'), fullPage: true });

		const coordPhone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const coordinator = await coordPhone.newPage();
		await signIn(coordinator, e2e.app.url, 'dcoord');
		await coordinator.goto(`${e2e.app.url}/offerings?status=pending`, { waitUntil: 'networkidle' });
		const row = coordinator.locator('tr').filter({ hasText: '红领巾讲家乡故事' });
		await coordinator.screenshot({ path: shot('review-phone'), fullPage: true });
		expect(await seriousA11yViolations(coordinator)).toEqual([]);
		await row.getByRole('button', { name: '通过并上架' }).click();
		await expect.poll(() => coordinator.locator('tr').filter({ hasText: '红领巾讲家乡故事' }).count()).toBe(0);

		const schoolPhone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const school = await schoolPhone.newPage();
		await signIn(school, e2e.app.url, 'school');
		await school.goto(`${e2e.app.url}/menu`, { waitUntil: 'networkidle' });
		// 红领巾讲家乡故事 → hljjjxgs
		await school.getByLabel('搜索课程名称、主题、对象（可用拼音首字母，如 hsjs）').fill('hljj');
		await school.keyboard.press('Enter');
		const card = school.locator('.offerings li').filter({ hasText: '红领巾讲家乡故事' });
		await expect.poll(() => card.count()).toBe(1);
		expect(await card.textContent()).toContain('李秀兰');
		expect(await card.textContent()).not.toMatch(/139\d{8}/);
		await school.screenshot({ path: shot('menu-phone'), fullPage: true });
		expect(await seriousA11yViolations(school)).toEqual([]);

		await card.getByRole('button', { name: '预约这门课' }).click();
		await card.getByLabel('最早日期').fill('2027-03-01');
		await card.getByLabel('最晚日期').fill('2027-02-20');
		await card.getByRole('button', { name: '提交预约' }).click();
		await expect.poll(() => card.locator('.field-error').first().textContent()).toContain('结束日期不能早于开始日期');
		await card.getByLabel('最晚日期').fill('2027-04-30');
		await card.getByLabel('预计听课人数').fill('45');
		await school.screenshot({ path: shot('booking-phone'), fullPage: true });
		await card.getByRole('button', { name: '提交预约' }).click();
		await expect.poll(() => school.getByRole('status').textContent()).toContain('已邀请李秀兰');
		await expect
			.poll(() => school.locator('.bookings li').filter({ hasText: '红领巾讲家乡故事' }).textContent())
			.toContain('等待老同志答复');
		await school.screenshot({ path: shot('booked-phone'), fullPage: true });

		// The board lists the booking apart from the coordinators' own placements.
		const desk = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const board = await desk.newPage();
		await signIn(board, e2e.app.url, 'coord');
		await board.goto(`${e2e.app.url}/board`, { waitUntil: 'networkidle' });
		await board.locator('a[href^="/board/"]').first().click();
		await board.waitForLoadState('networkidle');
		await expect.poll(() => board.locator('.booked li').filter({ hasText: '红领巾讲家乡故事' }).textContent()).toContain('李秀兰');
		await board.locator('.booked').screenshot({ path: shot('board-desktop') });

		await veteranPhone.close();
		await coordPhone.close();
		await schoolPhone.close();
		await desk.close();
	}, 240_000);
});
