// Rounds and the semester timetable in Chromium: a coordinator opens a round and looks at the
// demo round's timetable; the veteran answers two invitations on a phone (accepts one,
// declines the other with a reason); the coordinator sees the decline, picks a substitute and
// applies the re-plan; the school confirms.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('scheduling in Chromium', () => {
	const e2e = useAppInChromium({}, 300_000);

	it('takes a round from creation to a timetable, answered invitations and a confirmed session', async () => {
		const desk = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const coord = await desk.newPage();
		await signIn(coord, e2e.app.url, 'coord');
		await coord.goto(`${e2e.app.url}/rounds`, { waitUntil: 'networkidle' });
		await coord.locator('input[name="name"]').fill('2027 秋季学期');
		await coord.locator('input[name="fromDate"]').fill('2027-09-01');
		await coord.locator('input[name="toDate"]').fill('2028-01-20');
		await coord.getByRole('button', { name: '创建轮次' }).click();
		await coord.waitForURL(/\/rounds\/[^/]+$/);
		await expect.poll(() => coord.locator('h1').textContent()).toContain('2027 秋季学期');
		await coord.getByRole('button', { name: '匹配完成，开始排期' }).click();
		await expect.poll(() => coord.locator('h1').textContent()).toContain('排期中');
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'round-new-desktop.png'), fullPage: true });

		await coord.goto(`${e2e.app.url}/rounds`, { waitUntil: 'networkidle' });
		await coord.getByRole('link', { name: '2027 春季学期' }).click();
		await coord.waitForURL(/\/rounds\/[^/]+$/);
		await expect.poll(() => coord.getByText('阅读伴我成长：给四年级的读书课').count()).toBeGreaterThan(0);
		expect(await coord.getByTestId('unscheduled').count()).toBeGreaterThan(0);
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'timetable-desktop.png') });
		expect(await seriousA11yViolations(coord)).toEqual([]);

		const phone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const vol = await phone.newPage();
		await signIn(vol, e2e.app.url, 'volunteer');
		await vol.goto(`${e2e.app.url}/me/invitations`, { waitUntil: 'networkidle' });
		await vol.screenshot({ path: path.join(SCREENSHOT_DIR, 'invitations-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(vol)).toEqual([]);
		await vol.locator('li', { hasText: '阅读伴我成长' }).getByRole('link', { name: '查看邀请' }).click();
		await vol.waitForURL(/\/me\/invitations\/.+/);
		expect(await vol.getByText('东湖实验小学').count()).toBeGreaterThan(0);
		await vol.screenshot({ path: path.join(SCREENSHOT_DIR, 'invitation-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(vol)).toEqual([]);
		await vol.getByRole('button', { name: '接受' }).click();
		await expect.poll(() => vol.getByRole('status').textContent()).toContain('您已接受');

		await vol.goto(`${e2e.app.url}/me/invitations`, { waitUntil: 'networkidle' });
		await vol.locator('li', { hasText: '结对帮扶' }).getByRole('link', { name: '查看邀请' }).click();
		await vol.waitForURL(/\/me\/invitations\/.+/);
		expect(await vol.locator('.dates li').count()).toBe(4);
		await vol.getByRole('button', { name: '婉拒' }).click();
		await vol.getByLabel('身体原因').check();
		await vol.locator('textarea').fill('下个月要住院复查');
		await vol.screenshot({ path: path.join(SCREENSHOT_DIR, 'decline-phone.png'), fullPage: true });
		await vol.getByRole('button', { name: '确定婉拒' }).click();
		await expect.poll(() => vol.getByRole('status').textContent()).toContain('已婉拒');

		await coord.reload({ waitUntil: 'networkidle' });
		await expect.poll(() => coord.getByTestId('unscheduled').filter({ hasText: '李秀兰 婉拒了邀请' }).count()).toBe(4);
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'timetable-declined-desktop.png') });

		// The coordinator picks a substitute for the declined seat, reads the re-plan as a difference and applies it.
		const seat = coord.getByTestId('declined-seat').filter({ hasText: '李秀兰' });
		await seat.getByRole('button', { name: '寻找替补' }).click();
		await expect.poll(() => seat.getByTestId('substitute').count()).toBeGreaterThan(0);
		const first = seat.getByTestId('substitute').first();
		expect(await first.textContent()).toContain('匹配分');
		await first.getByRole('button', { name: /^选 .+ 替补$/ }).click();
		// The engine re-plans the seat and the page reloads the round's 402 needs: give it time on a busy machine.
		await expect.poll(() => coord.getByTestId('replan').count(), { timeout: 30_000 }).toBe(1);
		const proposal = coord.getByTestId('replan');
		expect(await proposal.getByTestId('replan-row').count()).toBe(4);
		expect(await proposal.textContent()).toContain('李秀兰 婉拒');
		expect(await proposal.textContent()).toContain('身体原因');
		await proposal.scrollIntoViewIfNeeded();
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'replan-diff-desktop.png') });
		expect(await seriousA11yViolations(coord)).toEqual([]);
		const coordPhone = await (await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
		await signIn(coordPhone, e2e.app.url, 'coord');
		await coordPhone.goto(coord.url(), { waitUntil: 'networkidle' });
		await coordPhone.getByTestId('replan').scrollIntoViewIfNeeded();
		await coordPhone.getByTestId('replan').screenshot({ path: path.join(SCREENSHOT_DIR, 'replan-diff-phone.png') });
		await proposal.getByRole('button', { name: '应用方案' }).click();
		await expect.poll(() => coord.getByRole('status').first().textContent(), { timeout: 30_000 }).toContain('方案已应用');
		await expect.poll(() => coord.getByTestId('replan').count()).toBe(0);
		await expect.poll(() => coord.getByTestId('unscheduled').filter({ hasText: '李秀兰 婉拒了邀请' }).count()).toBe(0);

		const school = await (await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
		await signIn(school, e2e.app.url, 'school');
		await school.goto(`${e2e.app.url}/school/sessions`, { waitUntil: 'networkidle' });
		const row = school.getByTestId('school-session').filter({ hasText: '阅读伴我成长' });
		await row.getByRole('button', { name: '确认' }).click();
		await expect.poll(() => school.getByTestId('school-session').filter({ hasText: '阅读伴我成长' }).textContent()).toContain('学校已确认');
		await school.screenshot({ path: path.join(SCREENSHOT_DIR, 'school-sessions-phone.png'), fullPage: true });
		expect(await seriousA11yViolations(school)).toEqual([]);
	}, 300_000);
});
