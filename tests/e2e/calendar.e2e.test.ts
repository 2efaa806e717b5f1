// The live calendar and the bell in two browsers: a volunteer accepts an invitation and the
// leader's open calendar shows it within moments, without a reload; the coordinator's bell
// counts the news and goes back down once read. Screenshots in Chinese, phone and desktop.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTree, PASSWORD, type Tree } from '../helpers/fixtures';
import { weekAround } from '../../src/lib/domain/dates';
import { DESKTOP, hasChromium, PHONE, SCREENSHOT_DIR, signIn, useAppInChromium } from './harness';

let tree: Tree;
const ids: { session: string; assignment: string; sequence: number } = { session: '', assignment: '', sequence: 0 };

describe.skipIf(!hasChromium)('calendar and notifications in Chromium', () => {
	const env = useAppInChromium(
		{
			async prepare(db) {
				tree = await buildTree(db);
				await db.organization.update({ where: { id: tree.schoolA1 }, data: { address: '江州市东湖区湖滨路 8 号' } });
				const { from } = weekAround(new Date());
				const startsAt = new Date(from.getTime() + 2 * 86_400_000 + 2 * 3_600_000); // Wednesday 10:00 Shanghai
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
});
