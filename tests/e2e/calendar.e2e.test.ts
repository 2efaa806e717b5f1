// The live calendar and the bell in two browsers: a volunteer accepts an invitation and the
// leader's open calendar shows it within moments, without a reload; the coordinator's bell
// counts the news and goes back down once read. A coordinator drags a session in the week
// view onto a day the volunteer is on leave (refused, with the reason), then onto a free
// time (accepted). Screenshots in Chinese, phone and desktop.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTree, PASSWORD, type Tree } from '../helpers/fixtures';
import type { Page } from 'playwright-core';
import { addDays, dateToDay, fromWallClock, weekAround } from '../../src/lib/domain/dates';
import { DESKTOP, hasChromium, PHONE, SCREENSHOT_DIR, signIn, useAppInChromium } from './harness';

let tree: Tree;
const ids: { session: string; assignment: string; sequence: number } = { session: '', assignment: '', sequence: 0 };
/** Next week's Monday, where the session to drag sits (at 09:00), apart from this week's. */
let nextMonday = '';

describe.skipIf(!hasChromium)('calendar and notifications in Chromium', () => {
	const env = useAppInChromium(
		{
			async prepare(db) {
				tree = await buildTree(db);
				await db.organization.update({ where: { id: tree.schoolA1 }, data: { address: '江州市东湖区湖滨路 8 号' } });
				const { from } = weekAround(new Date());
				const startsAt = new Date(from.getTime() + 2 * 86_400_000 + 10 * 3_600_000); // Wednesday 10:00 Shanghai
				const demand = await db.demand.create({
					data: {
						orgId: tree.schoolA1,
						roundId: tree.roundId,
						kind: 'lecture',
						title: '法治教育进课堂',
						topic: 'legal',
						windowFrom: from,
						windowTo: new Date(from.getTime() + 30 * 86_400_000),
						status: 'scheduled'
					}
				});
				const assignment = await db.assignment.create({
					data: { roundId: tree.roundId, demandId: demand.id, volunteerId: tree.volunteerA, state: 'invited' }
				});
				const session = await db.scheduledSession.create({
					data: {
						roundId: tree.roundId,
						demandId: demand.id,
						orgId: tree.schoolA1,
						startsAt,
						endsAt: new Date(startsAt.getTime() + 90 * 60_000),
						status: 'planned',
						room: '三楼报告厅',
						volunteers: { create: [{ volunteerId: tree.volunteerA, assignmentId: assignment.id }] }
					}
				});
				await db.demand.create({
					data: {
						orgId: tree.schoolA2,
						roundId: tree.roundId,
						kind: 'mentoring',
						title: '留守儿童结对',
						topic: 'family',
						windowFrom: from,
						windowTo: new Date(from.getTime() + 30 * 86_400_000),
						status: 'scheduled'
					}
				});
				Object.assign(ids, { session: session.id, assignment: assignment.id, sequence: session.sequence });

				// 赵老师 is free on weekdays 08:00–17:00 and on leave next Tuesday; 东湖第二中学
				// receives visitors on weekdays 08:00–17:00.
				nextMonday = dateToDay(new Date(from.getTime() + 7 * 86_400_000 + 8 * 3_600_000));
				const zhao = await db.volunteerProfile.create({
					data: {
						orgId: tree.districtA,
						name: '赵老师',
						category: 'retired_cadre',
						homeDistrictId: tree.districtA,
						topics: { create: [{ topic: 'family' }] },
						availability: { create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, fromMinute: 480, toMinute: 1020 })) },
						leaves: {
							create: [{ fromDate: new Date(addDays(nextMonday, 1)), toDate: new Date(addDays(nextMonday, 1)), status: 'approved' }]
						}
					}
				});
				await db.visitingHours.createMany({
					data: [1, 2, 3, 4, 5].map((weekday) => ({ orgId: tree.schoolA2, weekday, fromMinute: 480, toMinute: 1020 }))
				});
				const talk = await db.demand.create({
					data: {
						orgId: tree.schoolA2,
						roundId: tree.roundId,
						kind: 'lecture',
						title: '家风家训故事会',
						topic: 'family',
						windowFrom: from,
						windowTo: new Date(from.getTime() + 30 * 86_400_000),
						status: 'scheduled'
					}
				});
				const dragStart = fromWallClock(nextMonday, 9 * 60);
				await db.scheduledSession.create({
					data: {
						roundId: tree.roundId,
						demandId: talk.id,
						orgId: tree.schoolA2,
						startsAt: dragStart,
						endsAt: new Date(dragStart.getTime() + 90 * 60_000),
						status: 'accepted',
						volunteers: { create: [{ volunteerId: zhao.id }] }
					}
				});
			}
		},
		240_000
	);

	it('shows a volunteer’s accept live in the leader’s calendar and counts it on the coordinator’s bell', async () => {
		const { app, browser } = env;
		const leaderCtx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const volunteerCtx = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const coordCtx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const leader = await leaderCtx.newPage();
		const volunteer = await volunteerCtx.newPage();
		const coord = await coordCtx.newPage();
		await Promise.all([
			signIn(leader, app.url, 'leader', PASSWORD),
			signIn(volunteer, app.url, 'volA', PASSWORD),
			signIn(coord, app.url, 'coordA', PASSWORD)
		]);

		await leader.goto(`${app.url}/calendar?view=week`);
		await leader.locator('[data-testid=live-state]', { hasText: '实时更新中' }).waitFor({ timeout: 15_000 });
		await leader.locator('.ec-event.status-planned').waitFor();
		// Shown at its Shanghai time, not its UTC time.
		expect(await leader.locator('.ec-event.status-planned .ec-event-time').textContent()).toContain('10:00');
		await coord.goto(`${app.url}/`);
		expect(await coord.locator('[data-testid=bell-count]').count()).toBe(0);
		await leader.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-week-desktop.png'), fullPage: true });

		// The volunteer's home: next session, the invitation waiting.
		await volunteer.goto(`${app.url}/me`);
		await volunteer.screenshot({ path: path.join(SCREENSHOT_DIR, 'me-home-phone.png'), fullPage: true });
		const answer = await volunteer.evaluate(
			async ({ assignment, session, sequence }) =>
				(
					await fetch('/api/trpc/scheduling.accept', {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ json: { assignmentId: assignment, seen: { [session]: sequence } } })
					})
				).status,
			ids
		);
		expect(answer).toBe(200);

		const t0 = Date.now();
		await leader.locator('.ec-event.status-accepted').waitFor({ timeout: 5_000 });
		expect(Date.now() - t0).toBeLessThan(3_000);
		await coord.locator('[data-testid=bell-count]', { hasText: '1' }).waitFor({ timeout: 5_000 });

		// The details of a session: who, where, status.
		await leader.locator('.ec-event.status-accepted').click();
		await expect(leader.locator('[data-testid=detail-status]').textContent()).resolves.toContain('已接受');
		await leader.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-detail-desktop.png') });
		// The dialog leads to the session's own page, where notifications lead too.
		await leader.getByRole('link', { name: '查看活动详情' }).click();
		await leader.waitForURL(/\/sessions\/[^/]+$/);
		await expect(leader.locator('[data-testid=detail-status]').textContent()).resolves.toContain('已接受');
		await expect(leader.getByTestId('session-step').allTextContents()).resolves.toEqual(['添加到手机日历']);
		await leader.screenshot({ path: path.join(SCREENSHOT_DIR, 'session-page-desktop.png') });
		await leader.goBack();

		await coord.goto(`${app.url}/notifications`);
		await coord.locator('[data-testid=notification]').first().waitFor();
		await coord.getByRole('button', { name: '全部标为已读' }).click();
		await expect.poll(() => coord.locator('[data-testid=bell-count]').count(), { timeout: 5_000 }).toBe(0);

		const phone = await volunteerCtx.newPage();
		await phone.goto(`${app.url}/calendar?view=list`);
		await phone.locator('.ec-event, .ec-list .ec-event').first().waitFor();
		await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-list-phone.png'), fullPage: true });
		await leader.goto(`${app.url}/`);
		await leader.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-leader-desktop.png'), fullPage: true });
		await coord.goto(`${app.url}/`);
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'home-coordinator-desktop.png'), fullPage: true });
		await Promise.all([leaderCtx.close(), volunteerCtx.close(), coordCtx.close()]);
	}, 120_000);

	it('refuses a coordinator’s drag onto the volunteer’s leave with the reason, then takes a drag to a free time', async () => {
		const { app, browser } = env;
		const deskCtx = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const coord = await deskCtx.newPage();
		await signIn(coord, app.url, 'coordA', PASSWORD);
		await coord.goto(`${app.url}/calendar?view=week&date=${nextMonday}`);
		const event = coord.locator('.ec-event', { hasText: '家风家训故事会' });
		await event.waitFor();
		await event.scrollIntoViewIfNeeded();
		const column = async (weekday: string) => (await coord.locator(`.ec-body .ec-day.${weekday}`).boundingBox())!;
		expect((await event.boundingBox())!.x).toBeGreaterThanOrEqual((await column('ec-mon')).x);

		// Drags the event by its top edge to `weekday`, `slots` half-hours later than it starts.
		async function drag(page: Page, weekday: string, slots: number) {
			const box = (await event.boundingBox())!;
			const slot = box.height / 3; // a 90-minute session covers three half-hour slots
			const target = await column(weekday);
			const [x0, y0] = [box.x + box.width / 2, box.y + 4];
			const [x1, y1] = [target.x + target.width / 2, y0 + slots * slot];
			await page.mouse.move(x0, y0);
			await page.mouse.down();
			for (let i = 1; i <= 12; i++) await page.mouse.move(x0 + ((x1 - x0) * i) / 12, y0 + ((y1 - y0) * i) / 12);
			await page.mouse.up();
		}

		// Tuesday: 赵老师 is on leave. The engine's checker refuses and says why; the event goes back.
		await drag(coord, 'ec-tue', 0);
		const notice = coord.getByTestId('move-notice');
		await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toBe('不能移到这个时间：赵老师 那天请假');
		await expect.poll(async () => (await event.boundingBox())!.x < (await column('ec-tue')).x).toBe(true);
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-move-refused-desktop.png') });

		// Wednesday 10:00: free on both sides. Accepted, and it stays there after a reload.
		await drag(coord, 'ec-wed', 2);
		await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toBe('已改期，已通知相关人员');
		await coord.reload();
		await event.waitFor();
		const wed = await column('ec-wed');
		const moved = (await event.boundingBox())!;
		expect(moved.x).toBeGreaterThanOrEqual(wed.x - 1);
		expect(moved.x + moved.width).toBeLessThanOrEqual(wed.x + wed.width + 1);
		expect(await event.locator('.ec-event-time').textContent()).toContain('10:00');
		// Moving asks the volunteer again.
		expect(await event.getAttribute('class')).toContain('status-planned');
		await coord.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-move-done-desktop.png') });

		const phoneCtx = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const phone = await phoneCtx.newPage();
		await signIn(phone, app.url, 'coordA', PASSWORD);
		await phone.goto(`${app.url}/calendar?view=week&date=${nextMonday}`);
		await phone.locator('.ec-event', { hasText: '家风家训故事会' }).waitFor();
		await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-week-phone.png'), fullPage: true });
		await Promise.all([deskCtx.close(), phoneCtx.close()]);
	}, 120_000);
});
