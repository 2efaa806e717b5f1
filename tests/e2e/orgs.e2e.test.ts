// Organisation admin in a real browser: a district coordinator adds a school, marks it
// rural, enters a holiday and invites the school's user; the link, opened in a second
// browser, signs that person in. The pages pass axe-core at phone and desktop sizes.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { resolveDatabase } from '../../prisma/database';
import { createDb } from '../../src/lib/server/db';
import { buildTree, PASSWORD } from '../helpers/fixtures';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

const SCHOOL = '东湖新苗小学';

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.waitForLoadState('networkidle');
}

async function shoot(page: Page, name: string) {
	await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

describe.skipIf(!hasChromium)('organisation admin and invitations in Chromium', () => {
	const e2e = useAppInChromium({
		prepare: async (db) => {
			await buildTree(db);
		}
	});
	let inviteLink = '';
	let inviteCode = '';

	it('lets a district coordinator add a rural school with a holiday and invite its user', async () => {
		const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const page = await context.newPage();
		await signIn(page, e2e.app.url, 'coordA', PASSWORD);
		await open(page, `${e2e.app.url}/admin/orgs`);
		expect(await page.getByTestId('org-title').textContent()).toBe('东湖区关工委');
		// The tree shows the coordinator's district only.
		const treeNames = await page.getByTestId('tree-org').allTextContents();
		expect(treeNames.join()).toContain('东湖实验小学');
		expect(treeNames.join()).not.toContain('西山');

		await page.locator('#child-name').fill(SCHOOL);
		await page.getByTestId('org-add-child').getByRole('button', { name: '添加' }).click();
		await page.getByRole('link', { name: `打开“${SCHOOL}”` }).click();
		await expect.poll(() => page.getByTestId('org-title').textContent()).toBe(SCHOOL);

		await page.getByTestId('org-rural').check();
		await page.getByTestId('org-info').getByRole('button', { name: '保存' }).click();
		await expect.poll(() => page.getByTestId('org-info').getByRole('status').textContent()).toContain('已保存');

		// A wrong date range is explained under the end date before anything is sent.
		await page.locator('#cal-kind').selectOption('holiday');
		await page.locator('#cal-label').fill('国庆假期');
		await page.locator('#cal-from').fill('2027-10-07');
		await page.locator('#cal-to').fill('2027-10-01');
		await page.getByTestId('org-calendar').getByRole('button', { name: '添加条目' }).click();
		await expect.poll(() => page.locator('#cal-to-error').textContent()).toContain('结束日期不能早于开始日期');
		await page.locator('#cal-from').fill('2027-10-01');
		await page.locator('#cal-to').fill('2027-10-07');
		await page.getByTestId('org-calendar').getByRole('button', { name: '添加条目' }).click();
		await expect.poll(() => page.getByTestId('calendar-entry').allTextContents()).toEqual([expect.stringContaining('国庆假期')]);

		await page.locator('#invite-role').selectOption('school');
		await page.locator('#invite-name').fill('新苗小学关工委');
		await page.getByTestId('org-invite').getByRole('button', { name: '生成邀请码' }).click();
		const code = page.getByTestId('invite-code');
		await expect.poll(() => code.textContent()).toMatch(/^\d{4} \d{4} \d{4}$/);
		inviteCode = (await code.textContent())!.replace(/\s/g, '');
		inviteLink = await page.getByTestId('invite-link').inputValue();
		expect(inviteLink).toBe(`${e2e.app.url}/invite/${inviteCode}`);
		await shoot(page, 'orgs-school-desktop');
		expect(await seriousA11yViolations(page)).toEqual([]);

		const db = createDb(resolveDatabase({ DATABASE_URL: e2e.app.databaseUrl }));
		try {
			const school = await db.organization.findFirstOrThrow({ where: { name: SCHOOL }, include: { calendar: true } });
			expect(school).toMatchObject({ level: 'school', rural: true });
			expect(school.calendar.map((e) => [e.kind, e.fromDate.toISOString().slice(0, 10), e.toDate.toISOString().slice(0, 10)])).toEqual([
				['holiday', '2027-10-01', '2027-10-07']
			]);
		} finally {
			await db.$disconnect();
		}

		await page.setViewportSize(PHONE);
		await shoot(page, 'orgs-school-phone');
		expect(await seriousA11yViolations(page)).toEqual([]);
		await context.close();
	});

	it('signs the invited person in from the link in another browser, once', async () => {
		const context = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await context.newPage();
		await open(page, inviteLink);
		expect(await page.locator('main').textContent()).toContain(`「${SCHOOL}」邀请您以「学校」身份加入`);
		expect(await page.locator('#displayName').inputValue()).toBe('新苗小学关工委');
		await page.locator('#username').fill('x');
		await page.locator('#password').fill('short');
		await page.getByRole('button', { name: '创建账号并登录' }).click();
		await expect.poll(() => page.locator('#username-error').textContent()).toContain('用户名须为');
		expect(await page.locator('#password-error').textContent()).toContain('密码至少 8 位');
		await shoot(page, 'invite-errors-phone');
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.locator('#username').fill('xinmiao');
		await page.locator('#password').fill('xinmiao-2027');
		await Promise.all([page.waitForURL(`${e2e.app.url}/`), page.getByRole('button', { name: '创建账号并登录' }).click()]);
		await expect.poll(() => page.locator('header').textContent()).toContain('新苗小学关工委');
		await open(page, `${e2e.app.url}/admin/orgs`);
		expect(await page.getByTestId('org-title').textContent()).toBe(SCHOOL);
		// The school keeps its own calendar but manages nobody.
		expect(await page.getByTestId('org-calendar').getByRole('button', { name: '添加条目' }).count()).toBe(1);
		expect(await page.getByTestId('org-invite').count()).toBe(0);
		await context.close();

		const late = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const again = await late.newPage();
		await open(again, `${e2e.app.url}/invite/${inviteCode}`);
		expect(await again.getByTestId('invite-invalid').textContent()).toContain('无效、已使用或已过期');
		await shoot(again, 'invite-used-desktop');
		expect(await seriousA11yViolations(again)).toEqual([]);
		await late.close();
	});

	it('shows the coordinator a readable change log of the district', async () => {
		for (const viewport of [DESKTOP, PHONE]) {
			const context = await e2e.browser.newContext({ viewport, locale: 'zh-CN' });
			const page = await context.newPage();
			await signIn(page, e2e.app.url, 'coordA', PASSWORD);
			await open(page, `${e2e.app.url}/audit`);
			const entries = page.getByTestId('audit-entry');
			expect(await entries.count()).toBeGreaterThanOrEqual(4);
			const text = (await entries.allTextContents()).join('\n');
			expect(text).toContain('国庆假期');
			expect(text).toMatch(/农村：[^]*否[^]*→[^]*是/);
			expect(text).not.toContain('西山');
			await page.locator('#audit-entity').selectOption('calendar_entry');
			await page.getByRole('button', { name: '筛选' }).click();
			await expect.poll(() => page.getByTestId('audit-entry').count()).toBe(1);
			await shoot(page, `audit-${viewport === PHONE ? 'phone' : 'desktop'}`);
			expect(await seriousA11yViolations(page)).toEqual([]);
			await context.close();
		}
	});
});
