// Records and reports in Chromium, on the demo data plus one session that ended this morning:
// the veteran records it with one tap on a phone, the school confirms and evaluates it, and
// the leader's report counts it, exports the same figures to .xlsx (opened here with exceljs)
// and shows the commendation shortlist. Screenshots in Chinese at phone and desktop widths.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../prisma/seed';
import { DESKTOP, hasChromium, PHONE, SCREENSHOT_DIR, signIn, useAppInChromium } from './harness';

let sessionId = '';

/** The headline figures as the page shows them: label → number (shares without their %). */
async function pageFigures(page: Page) {
	const cells = page.getByTestId('figures').locator('div');
	const out: Record<string, number> = {};
	for (let i = 0; i < (await cells.count()); i++) {
		const name = (await cells.nth(i).locator('dt').textContent())!.trim();
		out[name] = Number((await cells.nth(i).locator('dd').textContent())!.trim().replace('%', ''));
	}
	return out;
}

describe.skipIf(!hasChromium)('records and reports in Chromium', () => {
	const e2e = useAppInChromium(
		{
			async prepare(db) {
				await seedDemo(db);
				const school = await db.organization.findFirstOrThrow({ where: { name: '东湖实验小学' } });
				const volunteer = await db.volunteerProfile.findFirstOrThrow({ where: { user: { username: 'volunteer' } } });
				const round = await db.matchingRound.findFirstOrThrow();
				const endsAt = new Date(Date.now() - 60 * 60_000);
				const demand = await db.demand.create({
					data: {
						orgId: school.id,
						roundId: round.id,
						kind: 'lecture',
						title: '红色故事进课堂',
						topic: 'history',
						audienceSize: 45,
						sessionMinutes: 90,
						windowFrom: new Date(endsAt.getTime() - 86_400_000),
						windowTo: endsAt,
						status: 'scheduled'
					}
				});
				const session = await db.scheduledSession.create({
					data: {
						roundId: round.id,
						demandId: demand.id,
						orgId: school.id,
						startsAt: new Date(endsAt.getTime() - 90 * 60_000),
						endsAt,
						status: 'accepted',
						volunteers: { create: { volunteerId: volunteer.id } }
					}
				});
				sessionId = session.id;
			}
		},
		300_000
	);

	it('one tap on a phone, the school’s confirmation and evaluation, and the leader’s report, export and shortlist', async () => {
		// One context per person and width: each signs in with its own cookie.
		const contexts: BrowserContext[] = [];
		const open = async (width: 'phone' | 'desktop') => {
			const ctx = await e2e.browser.newContext(
				width === 'phone'
					? { viewport: PHONE, locale: 'zh-CN', isMobile: true, hasTouch: true }
					: { viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true }
			);
			contexts.push(ctx);
			return ctx.newPage();
		};
		const leader = await open('desktop');
		await signIn(leader, e2e.app.url, 'leader');
		await leader.goto(`${e2e.app.url}/reports`, { waitUntil: 'networkidle' });
		const before = await pageFigures(leader);
		expect(before['活动场次']).toBeGreaterThan(0);

		// 1. The veteran, on a phone: one tap records the plan.
		const vol = await open('phone');
		await signIn(vol, e2e.app.url, 'volunteer');
		await vol.goto(`${e2e.app.url}/me/sessions/${sessionId}/record`, { waitUntil: 'networkidle' });
		await vol.screenshot({ path: path.join(SCREENSHOT_DIR, 'record-one-tap-phone.png'), fullPage: true });
		await vol.getByRole('button', { name: '按计划完成：90 分钟，约 45 人' }).tap();
		await expect.poll(() => vol.getByRole('status').textContent()).toContain('已记录');
		await expect.poll(() => vol.locator('.status').textContent()).toContain('待学校确认');
		await vol.screenshot({ path: path.join(SCREENSHOT_DIR, 'record-recorded-phone.png'), fullPage: true });

		// 2. The school confirms and evaluates it (the bell links to this page).
		const school = await open('desktop');
		await signIn(school, e2e.app.url, 'school');
		await school.goto(`${e2e.app.url}/sessions/${sessionId}/record`, { waitUntil: 'networkidle' });
		await school.getByLabel('内容').selectOption('5');
		await school.getByLabel('讲授').selectOption('4');
		await school.getByLabel('学生反响').selectOption('5');
		await school.getByLabel('评语').fill('老师讲得生动，孩子们很爱听');
		await school.screenshot({ path: path.join(SCREENSHOT_DIR, 'record-evaluate-desktop.png'), fullPage: true });
		await school.getByRole('button', { name: '确认记录' }).click();
		await expect.poll(() => school.locator('.status').textContent()).toContain('学校已确认');
		await expect.poll(() => school.getByText('已评课：4.7 分').count()).toBe(1);
		await school.screenshot({ path: path.join(SCREENSHOT_DIR, 'record-confirmed-desktop.png'), fullPage: true });
		const schoolPhone = await open('phone');
		await signIn(schoolPhone, e2e.app.url, 'school');
		await schoolPhone.goto(`${e2e.app.url}/sessions/${sessionId}/record`, { waitUntil: 'networkidle' });
		await schoolPhone.screenshot({ path: path.join(SCREENSHOT_DIR, 'record-confirmed-phone.png'), fullPage: true });

		// 3. The leader's report counts it: one more session, 1.5 more hours, 45 more people.
		await leader.reload({ waitUntil: 'networkidle' });
		const after = await pageFigures(leader);
		expect(after['活动场次']).toBe(before['活动场次'] + 1);
		expect(after['服务时长（小时）']).toBeCloseTo(before['服务时长（小时）'] + 1.5, 1);
		expect(after['受益人次']).toBe(before['受益人次'] + 45);

		// The .xlsx holds exactly the page's figures.
		const [download] = await Promise.all([leader.waitForEvent('download'), leader.getByTestId('export').click()]);
		expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.readFile((await download.path())!);
		const sheet = wb.worksheets[0];
		const fromFile: Record<string, number> = {};
		sheet.eachRow((row, n) => {
			if (n > 1 && typeof row.getCell(2).value === 'number')
				fromFile[String(row.getCell(1).value).replace(/ %$/, '')] = row.getCell(2).value as number;
		});
		expect(fromFile).toEqual(after);
		expect(wb.worksheets.at(-1)!.rowCount - 1).toBe(after['活动场次']);

		// The shortlist ranks the veterans and the schools, and exports too.
		const shortlist = leader.getByTestId('shortlist');
		await expect.poll(() => shortlist.locator('tbody tr').count()).toBeGreaterThan(1);
		// Those who meet the thresholds come first; the school of this session is ranked too.
		const marks = await shortlist.locator('table').first().locator('tbody tr td:last-child').allTextContents();
		expect(marks[0]).toBe('✓');
		expect(marks.slice(marks.indexOf(''))).not.toContain('✓');
		expect(await shortlist.locator('table').nth(1).textContent()).toContain('东湖实验小学');
		const [list] = await Promise.all([leader.waitForEvent('download'), shortlist.getByRole('link', { name: '导出名单' }).click()]);
		const lwb = new ExcelJS.Workbook();
		await lwb.xlsx.readFile((await list.path())!);
		const firstOnPage = await shortlist.locator('tbody tr').first().locator('td').nth(1).textContent();
		expect(lwb.worksheets[0].getRow(2).getCell(2).value).toBe(firstOnPage);
		await leader.evaluate(() => window.scrollTo(0, 0));
		await leader.screenshot({ path: path.join(SCREENSHOT_DIR, 'reports-desktop.png') });
		await shortlist.screenshot({ path: path.join(SCREENSHOT_DIR, 'reports-shortlist-desktop.png') });
		const leaderPhone = await open('phone');
		await signIn(leaderPhone, e2e.app.url, 'leader');
		await leaderPhone.goto(`${e2e.app.url}/reports`, { waitUntil: 'networkidle' });
		await leaderPhone.screenshot({ path: path.join(SCREENSHOT_DIR, 'reports-phone.png') });
		await leaderPhone.getByTestId('by-district').scrollIntoViewIfNeeded();
		await leaderPhone.screenshot({ path: path.join(SCREENSHOT_DIR, 'reports-district-phone.png') });
		for (const ctx of contexts) await ctx.close();
	});
});
