// The features the Content-Security-Policy could break, driven under it with the console
// watched for violations: the language switch (to English and back), the spreadsheet import's
// streamed preview, the live board's websocket, and the admin's board repair page (screenshots
// in Chinese at desktop and phone width).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { resolveDatabase } from '../../prisma/database';
import { boardDocName } from '../../src/lib/features/board/schemas';
import { committeeWorkbook, DONGHU_ROSTER } from '../../src/lib/features/spreadsheets/testing-rosters';
import { createDb } from '../../src/lib/server/db';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

describe.skipIf(!hasChromium)('features under the Content-Security-Policy', () => {
	const e2e = useAppInChromium();
	const violations: string[] = [];
	const contexts: BrowserContext[] = [];
	let dir: string;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'sb-csp-'));
	});
	afterAll(async () => {
		for (const c of contexts) await c.close();
		rmSync(dir, { recursive: true, force: true });
	});

	async function pageAs(username: string, viewport = DESKTOP): Promise<Page> {
		const context = await e2e.browser.newContext({ viewport, locale: 'zh-CN' });
		contexts.push(context);
		const page = await context.newPage();
		page.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
		});
		await signIn(page, e2e.app.url, username);
		return page;
	}

	it('switches the language to English and back, previews a roster import, and opens the board', async () => {
		const page = await pageAs('dcoord');
		await page.goto(`${e2e.app.url}/volunteers/import`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.locator('h1').textContent()).toBe('导入志愿者');
		await page.getByRole('button', { name: 'English' }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Import volunteers');
		await page.reload({ waitUntil: 'networkidle' });
		expect(await page.locator('h1').textContent()).toBe('Import volunteers');
		await page.getByRole('button', { name: '中文' }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('导入志愿者');

		const file = path.join(dir, '名册.xlsx');
		writeFileSync(file, await committeeWorkbook([{ name: '名册', rows: DONGHU_ROSTER }]));
		await page.locator('#sheet-file:enabled').waitFor();
		await page.locator('#sheet-file').setInputFiles(file);
		await expect.poll(() => page.getByTestId('count-create').textContent(), { timeout: 30_000 }).toBe('4');

		// The demo's rounds belong to the city committee.
		const coord = await pageAs('coord');
		await coord.goto(`${e2e.app.url}/board`, { waitUntil: 'networkidle' });
		const board = (await coord.locator('a[href^="/board/"]').first().getAttribute('href'))!;
		await coord.goto(`${e2e.app.url}${board}`, { waitUntil: 'networkidle' });
		await expect.poll(() => coord.getByTestId('board-status').textContent(), { timeout: 15_000 }).toContain('已实时同步');
		// Repair is an admin's; a coordinator is not offered it and cannot open it.
		expect(await coord.getByTestId('repair-link').count()).toBe(0);
		const refused = await coord.goto(`${e2e.app.url}${board}/repair`, { waitUntil: 'networkidle' });
		expect(refused!.status()).toBe(403);
		expect(violations).toEqual([]);
	});

	it('shows an admin the board’s largest updates, at desktop and phone width', async () => {
		const page = await pageAs('admin');
		await page.goto(`${e2e.app.url}/board`, { waitUntil: 'networkidle' });
		const board = (await page.locator('a[href^="/board/"]').first().getAttribute('href'))!;
		await page.goto(`${e2e.app.url}${board}`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.getByTestId('board-status').textContent(), { timeout: 15_000 }).toContain('已实时同步');
		// An oversized edit stored after what the board holds.
		const db = createDb(resolveDatabase({ DATABASE_URL: e2e.app.databaseUrl }));
		const docName = boardDocName(board.split('/').pop()!);
		const spoiler = new Y.Doc();
		spoiler.getMap('comments').set('spoiler', 'x'.repeat(300_000));
		await db.boardUpdate.create({ data: { docName, update: new Uint8Array(Y.encodeStateAsUpdate(spoiler)) } });
		const spoilerSeq = (await db.boardUpdate.findFirstOrThrow({ where: { docName }, orderBy: { seq: 'desc' } })).seq;
		await page.getByTestId('repair-link').click();
		await page.waitForURL(/\/repair$/);
		await expect.poll(() => page.getByTestId('repair-summary').textContent()).toMatch(/共保存了 \d+ 次修改/);
		expect(await page.getByTestId('repair-row').first().textContent()).toContain(String(spoilerSeq));
		await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'board-repair-desktop.png'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByTestId(`rollback-${spoilerSeq}`).click();
		await page.getByTestId('rollback-confirm').click();
		await expect.poll(() => page.getByTestId('repair-done').textContent()).toContain('删除了 1 次修改');
		expect(await db.boardUpdate.count({ where: { docName, seq: { gte: spoilerSeq } } })).toBe(0);
		await db.$disconnect();

		const phone = await pageAs('admin', PHONE);
		await phone.goto(page.url(), { waitUntil: 'networkidle' });
		await phone.screenshot({ path: path.join(SCREENSHOT_DIR, 'board-repair-phone.png'), fullPage: true });
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
		expect(violations).toEqual([]);
	});
});
