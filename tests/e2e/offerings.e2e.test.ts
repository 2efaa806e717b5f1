// The resource menu at phone width: a veteran adds an offering, a coordinator approves it, a
// school finds it by pinyin initials and books it, the board lists the booking, the veteran
// accepts it on the phone, and once the coordinator schedules the round the talk has a date in
// the round's timetable and on the school's calendar.
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

		// The same engine dates it: the coordinator schedules the round and sends the timetable.
		await board.goto(`${e2e.app.url}/rounds`, { waitUntil: 'networkidle' });
		await board.getByRole('link', { name: '2027 春季学期' }).click();
		await board.waitForURL(/\/rounds\/[^/]+$/);
		await board.waitForLoadState('networkidle');
		await board.getByRole('button', { name: '生成排期' }).click();
		await expect.poll(() => board.getByRole('status').textContent(), { timeout: 90_000 }).toContain('已排');
		const dated = board.locator('.timetable tr').filter({ hasText: '红领巾讲家乡故事' });
		await expect.poll(() => dated.count()).toBe(1);
		expect(await dated.textContent()).toContain('李秀兰');
		await dated.scrollIntoViewIfNeeded();
		await board.screenshot({ path: shot('timetable-desktop') });
		await board.getByRole('button', { name: '发送邀请' }).click();
		await expect.poll(() => board.getByRole('status').textContent(), { timeout: 30_000 }).toContain('已发送');

		// The veteran answers the booking like any invitation, on the phone, now with its date.
		await veteran.goto(`${e2e.app.url}/me/invitations`, { waitUntil: 'networkidle' });
		await veteran.locator('li', { hasText: '红领巾讲家乡故事' }).getByRole('link', { name: '查看邀请' }).click();
		await veteran.waitForURL(/\/me\/invitations\/.+/);
		await veteran.waitForLoadState('networkidle');
		expect(await veteran.getByText('东湖实验小学').count()).toBeGreaterThan(0);
		await veteran.screenshot({ path: shot('invitation-phone'), fullPage: true });
		expect(await seriousA11yViolations(veteran)).toEqual([]);
		await veteran.getByRole('button', { name: '接受' }).click();
		await expect.poll(() => veteran.getByRole('status').textContent()).toContain('您已接受');
		await school.goto(`${e2e.app.url}/menu`, { waitUntil: 'networkidle' });
		await expect.poll(() => school.locator('.bookings li').filter({ hasText: '红领巾讲家乡故事' }).textContent()).toContain('已接受');

		// The school's timetable lists the accepted visit for confirmation.
		await school.goto(`${e2e.app.url}/school/sessions`, { waitUntil: 'networkidle' });
		const visit = school.getByTestId('school-session').filter({ hasText: '红领巾讲家乡故事' });
		await expect.poll(() => visit.count()).toBe(1);
		expect(await visit.textContent()).toContain('李秀兰');
		await visit.scrollIntoViewIfNeeded();
		await school.screenshot({ path: shot('school-sessions-phone') });

		// The school's calendar shows the talk in the month the engine chose (within 1 March – 30 April).
		let found = 0;
		for (const month of ['2027-03-01', '2027-04-01']) {
			await school.goto(`${e2e.app.url}/calendar?view=list&date=${month}`, { waitUntil: 'networkidle' });
			await school.locator('.ec-list').waitFor();
			found = await school.locator('.ec-event', { hasText: '红领巾讲家乡故事' }).count();
			if (found) break;
		}
		expect(found).toBe(1);
		await school.locator('.ec-event', { hasText: '红领巾讲家乡故事' }).scrollIntoViewIfNeeded();
		await school.screenshot({ path: shot('school-calendar-phone') });

		await veteranPhone.close();
		await coordPhone.close();
		await schoolPhone.close();
		await desk.close();
	}, 240_000);
});
