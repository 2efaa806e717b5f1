// A district coordinator imports the roster the committee already keeps, in its own shape:
// checks the mapping and changes one column, fixes two cells in the preview, imports, then
// imports the same file again and sees everything unchanged. Desktop and phone, in Chinese.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { committeeWorkbook, ROSTER_HEADERS } from '../../src/lib/features/spreadsheets/testing-rosters';
import { DESKTOP, PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);

const ROWS = [
	ROSTER_HEADERS,
	[1, '冯淑华', '女', '1955.09', '老教师', '家庭教育、军事', '138-0000-0701', '东湖', '线下/线上', '能讲家风故事'],
	[2, '蒋振国', '男', '1949年10月', '老战士', '党史', '+86 138 0000 0702', '南江', '均可', '参加过抗美援朝'],
	[3, '韩玉梅', '女', 1958, '老干部', '心理健康教育', '138 0000 0703', '东湖区', '线下', '']
];

describe.skipIf(!hasChromium)('importing a committee’s own roster in Chromium', () => {
	const e2e = useAppInChromium();
	let file: string;
	let dir: string;

	beforeAll(async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'sb-roster-'));
		file = path.join(dir, '东湖区五老名册.xlsx');
		writeFileSync(
			file,
			await committeeWorkbook([{ name: '五老名册', title: '2027年东湖区关工委“五老”志愿者名册', filedBy: '填报人：周敏', rows: ROWS }])
		);
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Picks the two fixes the preview offers: drop 军事, and 南江 is 东湖区关工委. */
	async function fixTwoCells(page: Page) {
		await page.getByTestId('fix-4-topics').selectOption({ label: '去掉“军事”' });
		await page.getByTestId('fix-5-district').selectOption({ label: '东湖区关工委' });
		await page.getByTestId('apply-fixes').click();
		await expect.poll(() => page.getByTestId('count-problems').textContent(), { timeout: 30_000 }).toBe('0');
	}

	async function upload(page: Page) {
		await page.locator('#sheet-file:enabled').waitFor();
		await page.locator('#sheet-file').setInputFiles(file);
		await expect.poll(() => page.getByTestId('mapping-row').count(), { timeout: 30_000 }).toBe(ROSTER_HEADERS.length);
	}

	it('maps the roster, takes one changed mapping and two fixed cells, and imports it once', async () => {
		const desk = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
		const page = await desk.newPage();
		await signIn(page, e2e.app.url, 'dcoord');
		await page.goto(`${e2e.app.url}/volunteers/import`, { waitUntil: 'networkidle' });
		await upload(page);
		expect(await page.getByTestId('ignored').textContent()).toContain('性别');
		expect(await page.getByTestId('map-9').inputValue()).toBe('bio');
		await page.screenshot({ path: shot('roster-mapping-desktop'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);

		// 备注 holds what they can offer, not a biography.
		await page.getByTestId('map-9').selectOption('offer');
		await expect
			.poll(() => page.getByTestId('map-9').locator('xpath=following-sibling::span').textContent(), { timeout: 30_000 })
			.toBe('您的选择');
		await expect
			.poll(() => page.getByTestId('problem-row').allTextContents())
			.toEqual([expect.stringContaining('军事'), expect.stringContaining('南江')]);
		// Only the changed column reads as the person's choice, and the notice still names only 性别.
		const reasons = await page.locator('[data-testid=mapping] .by').allTextContents();
		expect(reasons.filter((r) => r === '您的选择')).toHaveLength(1);
		expect(await page.getByTestId('ignored').textContent()).toContain('这些列不导入：性别。');
		await page.screenshot({ path: shot('roster-fixes-desktop'), fullPage: true });
		await fixTwoCells(page);
		await page.getByTestId('confirm').click();
		await expect.poll(() => page.getByTestId('saved').textContent(), { timeout: 30_000 }).toContain('新增 3 条');

		await page.goto(`${e2e.app.url}/volunteers/import`, { waitUntil: 'networkidle' });
		await upload(page);
		// The changed mapping and the two fixed cells were remembered: nothing to fix, nothing to change.
		expect(await page.getByTestId('map-9').inputValue()).toBe('offer');
		expect(await page.getByTestId('count-problems').textContent()).toBe('0');
		expect(await page.getByTestId('recalled-fixes').textContent()).toContain('有 2 个单元格');
		expect(await Promise.all(['count-create', 'count-update', 'count-unchanged'].map((id) => page.getByTestId(id).textContent()))).toEqual([
			'0',
			'0',
			'3'
		]);
		expect(await page.getByTestId('confirm').count()).toBe(0);
		await page.screenshot({ path: shot('roster-unchanged-desktop'), fullPage: true });
		await desk.close();
	});

	it('shows the mapping and the fixes at phone width', async () => {
		const phone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
		const page = await phone.newPage();
		await signIn(page, e2e.app.url, 'dcoord');
		await page.goto(`${e2e.app.url}/volunteers/import`, { waitUntil: 'networkidle' });
		await upload(page);
		// Each column is a card titled with its header.
		const title = page.getByTestId('mapping-row').nth(5).locator('th');
		expect(await title.isVisible()).toBe(true);
		expect(await title.textContent()).toBe('擅长领域');
		await page.screenshot({ path: shot('roster-mapping-phone'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
		await phone.close();
	});
});
