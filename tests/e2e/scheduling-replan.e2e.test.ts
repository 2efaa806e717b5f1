// Re-planning in Chromium on the demo round: the school asks for another date for a session
// the veteran accepted, and the coordinator's re-plan moves that session alone (every other
// dated session of the round keeps its start); then the coordinator cancels it, and the
// veteran and the school read that it was cancelled.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDatabase } from '../../prisma/database';
import { createDb } from '../../src/lib/server/db';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

const TITLE = '阅读伴我成长';

describe.skipIf(!hasChromium)('re-planning in Chromium', () => {
	const e2e = useAppInChromium({}, 300_000);

	async function startsOfRound() {
		const db = createDb(resolveDatabase({ DATABASE_URL: e2e.app.databaseUrl }));
		try {
			const round = await db.matchingRound.findFirstOrThrow({ where: { name: '2027 春季学期' } });
			const rows = await db.scheduledSession.findMany({
				where: { roundId: round.id },
				select: { id: true, startsAt: true, status: true, demand: { select: { title: true } } }
			});
			return new Map(rows.map((r) => [r.id, { at: r.startsAt?.toISOString() ?? null, status: r.status, title: r.demand.title }]));
		} finally {
			await db.$disconnect();
		}
	}

	it('moves only the session the school asked another date for, then cancels it for everyone to see', async () => {
		// The veteran accepts, on a phone.
		const vol = await (await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
		await signIn(vol, e2e.app.url, 'volunteer');
		await vol.goto(`${e2e.app.url}/me/invitations`, { waitUntil: 'networkidle' });
		await vol.locator('li', { hasText: TITLE }).getByRole('link', { name: '查看邀请' }).click();
		await vol.waitForURL(/\/me\/invitations\/.+/);
		await vol.getByRole('button', { name: '接受' }).click();
		await expect.poll(() => vol.getByRole('status').textContent()).toContain('您已接受');

		// The school asks for another date instead of confirming.
		const school = await (await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' })).newPage();
		await signIn(school, e2e.app.url, 'school');
		await school.goto(`${e2e.app.url}/school/sessions`, { waitUntil: 'networkidle' });
		const row = school.getByTestId('school-session').filter({ hasText: TITLE });
		await row.getByRole('button', { name: '申请改期' }).click();
		await row.locator('textarea').fill('那天学校运动会');
		await school.screenshot({ path: path.join(SCREENSHOT_DIR, 'request-date-phone.png'), fullPage: true });
		await row.getByRole('button', { name: '提交改期申请' }).click();
		await expect.poll(() => school.getByRole('status').first().textContent()).toContain('已提交改期申请');
		await expect.poll(() => school.getByTestId('school-session').filter({ hasText: TITLE }).textContent()).toContain('已申请改期');
		expect(await seriousA11yViolations(school)).toEqual([]);

		const before = await startsOfRound();
		const asked = [...before].find(([, s]) => s.title.startsWith(TITLE) && s.status === 'accepted')!;
		expect(asked).toBeDefined();

		// The coordinator reads the proposal (that one session, to a later day) and applies it.
		const coord = await (await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' })).newPage();
		await signIn(coord, e2e.app.url, 'coord');
		await coord.goto(`${e2e.app.url}/rounds`, { waitUntil: 'networkidle' });
		await coord.getByRole('link', { name: '2027 春季学期' }).click();
		await coord.waitForURL(/\/rounds\/[^/]+$/);
		await expect.poll(() => coord.getByTestId('replan').count(), { timeout: 30_000 }).toBe(1);
		const proposal = coord.getByTestId('replan');
		expect(await proposal.getByTestId('replan-row').count()).toBe(1);
		expect(await proposal.getByTestId('replan-row').getAttribute('class')).toContain('moved');
		expect(await proposal.textContent()).toContain(TITLE);
		await proposal.scrollIntoViewIfNeeded();
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'replan-date-request-desktop.png') });
		expect(await seriousA11yViolations(coord)).toEqual([]);
		await proposal.getByRole('button', { name: '应用方案' }).click();
		await expect.poll(() => coord.getByRole('status').first().textContent(), { timeout: 30_000 }).toContain('方案已应用');
		await expect.poll(() => coord.getByTestId('replan').count()).toBe(0);

		const after = await startsOfRound();
		const moved = [...before].filter(([id, s]) => after.get(id)!.at !== s.at).map(([id]) => id);
		expect(moved).toEqual([asked[0]]);
		expect(after.get(asked[0])!.at!.slice(0, 10) > asked[1].at!.slice(0, 10)).toBe(true);

		// The coordinator cancels the moved session from the timetable.
		await coord.reload({ waitUntil: 'networkidle' });
		const line = coord
			.locator('tr', { hasText: TITLE })
			.filter({ has: coord.getByRole('button', { name: '取消活动' }) })
			.first();
		await line.getByRole('button', { name: '取消活动' }).click();
		// The button gives way to the form in the same row.
		const form = coord.locator('form.cancel');
		await form.getByLabel('取消原因').fill('主讲老师临时出差');
		await form.getByRole('button', { name: '确定取消' }).click();
		await expect.poll(() => coord.getByRole('status').first().textContent(), { timeout: 30_000 }).toContain('活动已取消');
		expect((await startsOfRound()).get(asked[0])!.status).toBe('cancelled');
		await expect.poll(() => coord.locator('tr', { hasText: TITLE }).filter({ hasText: '已取消' }).count()).toBeGreaterThan(0);
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'timetable-cancelled-desktop.png') });

		// The veteran and the school read it in their notifications; the school's list drops it.
		for (const [page, name] of [
			[vol, 'cancelled-volunteer-phone.png'],
			[school, 'cancelled-school-phone.png']
		] as const) {
			await page.goto(`${e2e.app.url}/notifications`, { waitUntil: 'networkidle' });
			const note = page.getByTestId('notification').filter({ hasText: TITLE }).filter({ hasText: '已取消' });
			await expect.poll(() => note.count()).toBe(1);
			await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
			expect(await seriousA11yViolations(page)).toEqual([]);
		}
		await school.goto(`${e2e.app.url}/school/sessions`, { waitUntil: 'networkidle' });
		expect(await school.getByTestId('school-session').filter({ hasText: TITLE }).count()).toBe(0);
	}, 300_000);
});
