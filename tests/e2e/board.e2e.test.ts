// The live board in two browsers: drag with a ghost for the other coordinator, conflicts
// on both screens, auto-match, undo, publish; leaders read-only; a 3 000-need round.
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTree, PASSWORD } from '../helpers/fixtures';
import { buildLargeRound } from '../helpers/large-round';
import { DESKTOP, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('live board in Chromium', () => {
	const ids = { round: '', largeRound: '', legal: '', arts: '', legal2: '', li: '', wang: '', zhang: '' };
	const contexts: BrowserContext[] = [];

	async function openBoard(username: string, roundId: string): Promise<Page> {
		const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		contexts.push(context);
		const page = await context.newPage();
		await signIn(page, e2e.app.url, username, PASSWORD);
		await page.goto(`${e2e.app.url}/board/${roundId}`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.getByTestId('board-status').textContent(), { timeout: 15_000 }).toContain('已实时同步');
		return page;
	}

	const card = (page: Page, demandId: string) => page.locator(`[data-demand-id="${demandId}"]`);
	const poolItem = (page: Page, volunteerId: string) => page.locator(`[data-testid=volunteer][data-volunteer-id="${volunteerId}"]`);

	const e2e = useAppInChromium(
		{
			async prepare(db) {
				const tree = await buildTree(db);
				ids.round = tree.roundId;
				ids.li = tree.volunteerA;
				const volunteer = (name: string, topics: string[]) =>
					db.volunteerProfile.create({
						data: {
							orgId: tree.districtA,
							name,
							category: 'retired_teacher',
							homeDistrictId: tree.districtA,
							monthlyCapacity: 2,
							topics: { create: topics.map((topic) => ({ topic })) },
							languages: { create: [{ language: 'zh' }] }
						}
					});
				ids.wang = (await volunteer('王建国', ['legal', 'history'])).id;
				ids.zhang = (await volunteer('张秀英', ['arts'])).id;
				const demand = (title: string, topic: string, orgId: string, seats = 1) =>
					db.demand.create({
						data: {
							orgId,
							roundId: tree.roundId,
							kind: 'lecture',
							title,
							topic,
							seats,
							windowFrom: new Date('2027-03-01'),
							windowTo: new Date('2027-03-31'),
							status: 'open'
						}
					});
				ids.legal = (await demand('法治教育进校园', 'legal', tree.schoolA1)).id;
				ids.arts = (await demand('书画艺术课', 'arts', tree.schoolA2)).id;
				ids.legal2 = (await demand('预防校园欺凌讲座', 'legal', tree.schoolA2, 2)).id;
				// The big round lives in a district of its own, so its pool stays out of the small one.
				const city = await db.organization.findUniqueOrThrow({ where: { id: tree.city } });
				const created = await db.organization.create({
					data: { name: '演练区关工委', level: 'district', parentId: city.id, path: 'pending' }
				});
				const district = await db.organization.update({
					where: { id: created.id },
					data: { path: `${city.path}${created.id}/`, districtId: created.id }
				});
				ids.largeRound = (
					await buildLargeRound(db, {
						orgId: district.id,
						districtId: district.id,
						schools: 120,
						demands: 3000,
						volunteers: 800,
						roundName: '规模演练'
					})
				).roundId;
			}
		},
		180_000
	);

	afterAll(async () => {
		for (const c of contexts) await c.close();
	});

	it('shows the drag ghost and the result to the other coordinator, and flags conflicts on both', async () => {
		const a = await openBoard('coordA', ids.round);
		const b = await openBoard('cityCoord', ids.round);

		// Mid-drag, the other coordinator sees a ghost naming what is being dragged.
		await poolItem(a, ids.wang).hover();
		await a.mouse.down();
		await card(a, ids.legal).hover();
		await expect.poll(() => b.getByTestId('ghost').textContent(), { timeout: 10_000 }).toContain('王建国');
		await a.mouse.up();
		await expect.poll(() => card(b, ids.legal).getByTestId('placement').textContent(), { timeout: 10_000 }).toContain('王建国');
		await expect.poll(() => b.getByTestId('ghost').count()).toBe(0);

		// An arts teacher on a law talk breaks the topic rule: both boards say so at once.
		await poolItem(b, ids.zhang).dragTo(card(b, ids.legal2));
		for (const page of [a, b]) {
			await expect
				.poll(() => card(page, ids.legal2).getByTestId('conflict').first().textContent(), { timeout: 10_000 })
				.toContain('话题不符');
		}
		await a.screenshot({ path: path.join(SCREENSHOT_DIR, 'board-conflict.png') });
		expect(await seriousA11yViolations(a)).toEqual([]);
	});

	it('auto-matches, undoes as one step, refuses to publish a conflict and then publishes', async () => {
		const a = await openBoard('coordA', ids.round);
		await a.getByTestId('automatch').click();
		await expect.poll(() => card(a, ids.arts).getByTestId('placement').textContent(), { timeout: 10_000 }).toContain('张秀英');
		await a.getByTestId('undo').click();
		await expect.poll(() => card(a, ids.arts).getByTestId('placement').count()).toBe(0);

		await a.getByTestId('publish').click();
		await expect.poll(() => a.getByTestId('publish-failures').textContent(), { timeout: 10_000 }).toContain('话题不符');

		await card(a, ids.legal2).locator(`[data-testid=placement][data-volunteer-id="${ids.zhang}"] button`).click();
		await a.getByTestId('publish').click();
		await expect.poll(() => a.getByTestId('notice').last().textContent(), { timeout: 10_000 }).toContain('已发布');
		await expect.poll(() => card(a, ids.legal).textContent()).toContain('已发布');
	});

	it('lets a leader watch but not change the board', async () => {
		const leader = await openBoard('leader', ids.round);
		await expect.poll(() => leader.locator('.alert.info').first().textContent()).toContain('只读');
		expect(await leader.getByTestId('publish').count()).toBe(0);
		expect(await poolItem(leader, ids.li).isDisabled()).toBe(true);
	});

	it('opens a round with 3 000 needs and 800 volunteers', async () => {
		const page = await openBoard('cityCoord', ids.largeRound);
		await expect.poll(() => page.getByTestId('demand').count(), { timeout: 15_000 }).toBeGreaterThan(6);
		// Only what is visible is rendered.
		expect(await page.getByTestId('demand').count()).toBeLessThan(200);
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'board-3000.png') });
	});
});
