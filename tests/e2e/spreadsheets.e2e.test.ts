// A district coordinator brings a spreadsheet of volunteers: downloads the template, uploads
// a file with mistakes, reads which row and column are wrong and why, uploads the fixed
// file, confirms, and finds the volunteers in the list; then exports a filtered list. A
// school imports its needs the same way.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMAND_COLUMNS } from '../../src/lib/features/spreadsheets/demand-sheet';
import { locateTable, readWorkbook } from '../../src/lib/features/spreadsheets/read';
import { headerOf } from '../../src/lib/features/spreadsheets/sheet-spec';
import { VOLUNTEER_COLUMNS } from '../../src/lib/features/spreadsheets/volunteer-sheet';
import { PHONE, SCREENSHOT_DIR, hasChromium, seriousA11yViolations, signIn, useAppInChromium } from './harness';

const DESKTOP = { width: 1280, height: 800 };
const shot = (name: string) => path.join(SCREENSHOT_DIR, `${name}.png`);

describe.skipIf(!hasChromium)('spreadsheet import and export in Chromium', () => {
	const e2e = useAppInChromium();
	let dir: string;

	beforeAll(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'sb-sheets-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** Fills the downloaded template's first sheet below its sample row and saves it as a new file. */
	async function fillTemplate(template: string, rows: (string | number | null)[][], name: string) {
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(template);
		const sheet = workbook.worksheets[0];
		for (const row of rows) sheet.addRow(row);
		const file = path.join(dir, name);
		await workbook.xlsx.writeFile(file);
		return file;
	}

	async function download(page: Page, click: () => Promise<void>) {
		const [file] = await Promise.all([page.waitForEvent('download'), click()]);
		const target = path.join(dir, file.suggestedFilename());
		await file.saveAs(target);
		return { name: file.suggestedFilename(), path: target };
	}

	const badRows = [
		['周建华', '13700000001', '老教师', '法治与安全、五史教育', '线下', '东湖区', 60, 2, '普通话', '讲红色故事', ''],
		['吴桂兰', '1370000', '老干部', '家庭教育', '线下', '东湖区', 45, 1, '普通话', '', ''],
		['郑德明', '13700000003', '老战士', '军事', '线下', '', 60, 2, '普通话', '', '']
	];
	const fixedRows = [
		badRows[0],
		['吴桂兰', '13700000002', '老干部', '家庭教育', '线下', '东湖区', 45, 1, '普通话', '', ''],
		['郑德明', '13700000003', '老战士', '五史教育', '线下', '东湖区', 60, 2, '普通话', '', '']
	];

	it('imports a coordinator’s spreadsheet after showing its mistakes, then exports the list', async () => {
		const desk = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
		const page = await desk.newPage();
		await signIn(page, e2e.app.url, 'dcoord');
		await page.goto(`${e2e.app.url}/volunteers`, { waitUntil: 'networkidle' });
		await page.screenshot({ path: shot('volunteers-actions-desktop') });
		await page.getByTestId('import-link').click();
		await page.waitForURL(/\/volunteers\/import$/);
		await expect.poll(() => page.locator('h1').textContent()).toBe('导入志愿者');
		await page.screenshot({ path: shot('import-volunteers-desktop'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);

		const template = await download(page, () => page.getByTestId('template-link').click());
		expect(template.name).toBe('志愿者导入模板.xlsx');
		const table = locateTable(await readWorkbook(new Uint8Array(readFileSync(template.path))), VOLUNTEER_COLUMNS);
		expect(table.columns.map((c) => c.header)).toEqual(VOLUNTEER_COLUMNS.map((c) => headerOf(c, 'zh')));

		// The input is enabled once the page's script runs.
		await page.locator('#sheet-file:enabled').waitFor();
		await page.locator('#sheet-file').setInputFiles(await fillTemplate(template.path, badRows, '东湖区志愿者（有错）.xlsx'));
		await expect
			.poll(() => page.getByTestId('problem-row').allTextContents(), { timeout: 30_000 })
			.toEqual([
				expect.stringMatching(/^4手机号手机号应为 11 位数字，以 1 开头$/),
				expect.stringMatching(/^5能讲的话题没有“军事”这一项/),
				expect.stringMatching(/^5所在区县必填，不能为空$/)
			]);
		expect(await page.getByTestId('confirm').count()).toBe(0);
		expect(await page.getByTestId('import-result').textContent()).toContain('第 2 行与模板示例相同，已跳过');
		await page.screenshot({ path: shot('import-problems-desktop'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);

		await page.locator('#sheet-file').setInputFiles(await fillTemplate(template.path, fixedRows, '东湖区志愿者.xlsx'));
		await expect.poll(() => page.getByTestId('count-create').textContent(), { timeout: 30_000 }).toBe('3');
		expect(await page.getByTestId('count-problems').textContent()).toBe('0');
		await page.screenshot({ path: shot('import-preview-desktop'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.getByTestId('confirm').click();
		await expect.poll(() => page.getByTestId('saved').textContent(), { timeout: 30_000 }).toContain('新增 3 条');
		await page.screenshot({ path: shot('import-saved-desktop'), fullPage: true });

		await page.getByRole('link', { name: '查看志愿者资源清单' }).click();
		await page.waitForURL(/\/volunteers$/);
		await page.getByPlaceholder('姓名或拼音首字母（如 zw）').fill('吴桂兰');
		await page.getByRole('button', { name: '筛选' }).click();
		await expect.poll(() => page.getByTestId('volunteer-row').allTextContents()).toEqual([expect.stringContaining('13700000002')]);

		// The export holds what the filtered list shows.
		const exported = await download(page, () => page.getByTestId('export-link').click());
		expect(exported.name).toMatch(/^志愿者资源清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const rows = locateTable(await readWorkbook(new Uint8Array(readFileSync(exported.path))), VOLUNTEER_COLUMNS).rows;
		expect(rows.map((r) => [r.cells.name, r.cells.phone])).toEqual([['吴桂兰', '13700000002']]);
		await desk.close();
	});

	it('shows the import and its preview at phone width', async () => {
		const phone = await e2e.browser.newContext({ viewport: PHONE, locale: 'zh-CN', acceptDownloads: true });
		const page = await phone.newPage();
		await signIn(page, e2e.app.url, 'dcoord');
		await page.goto(`${e2e.app.url}/needs`, { waitUntil: 'networkidle' });
		await page.screenshot({ path: shot('needs-actions-phone') });
		await page.goto(`${e2e.app.url}/volunteers/import`, { waitUntil: 'networkidle' });
		await page.locator('#sheet-file:enabled').waitFor();
		await page.screenshot({ path: shot('import-volunteers-phone'), fullPage: true });
		const template = await download(page, () => page.getByTestId('template-link').click());
		await page.locator('#sheet-file').setInputFiles(await fillTemplate(template.path, badRows, 'phone-bad.xlsx'));
		await expect.poll(() => page.getByTestId('problem-row').count(), { timeout: 30_000 }).toBe(3);
		await page.screenshot({ path: shot('import-problems-phone'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		await page.locator('#sheet-file').setInputFiles(await fillTemplate(template.path, fixedRows, 'phone-fixed.xlsx'));
		await expect.poll(() => page.getByTestId('count-problems').textContent(), { timeout: 30_000 }).toBe('0');
		const counted = await Promise.all(['count-create', 'count-unchanged'].map((id) => page.getByTestId(id).textContent()));
		expect(counted.reduce((sum, n) => sum + Number(n), 0)).toBe(3);
		await page.screenshot({ path: shot('import-preview-phone'), fullPage: true });
		expect(await seriousA11yViolations(page)).toEqual([]);
		// Nothing overflows the screen sideways; wide tables scroll inside their own box.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
		await phone.close();
	});

	it('shows real progress while checking and saving 5 000 rows', async () => {
		const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
		const page = await context.newPage();
		await signIn(page, e2e.app.url, 'dcoord');
		await page.goto(`${e2e.app.url}/volunteers/import`, { waitUntil: 'networkidle' });
		const template = await download(page, () => page.getByTestId('template-link').click());
		const rows = Array.from({ length: 5000 }, (_, i) => [
			`批量志愿者${i}`,
			`136${String(i).padStart(8, '0')}`,
			'老教师',
			'法治与安全',
			'线下',
			'东湖区',
			60,
			2,
			'普通话',
			'',
			''
		]);
		const file = await fillTemplate(template.path, rows, 'big.xlsx');
		// Every progress text the page shows, sampled as it runs.
		await page.evaluate(() => {
			const seen = new Set<string>();
			(window as unknown as { seen: Set<string> }).seen = seen;
			setInterval(() => {
				const text = document.querySelector('[role=status] p')?.textContent;
				if (text) seen.add(text);
			}, 10);
		});
		const seen = () => page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen]);
		await page.locator('#sheet-file:enabled').waitFor();
		await page.locator('#sheet-file').setInputFiles(file);
		await expect.poll(() => page.getByTestId('count-create').textContent(), { timeout: 60_000 }).toBe('5000');
		// Counts short of the total, shown while the work was still going on (the sample row counts too).
		const partway = (texts: string[], pattern: RegExp) =>
			texts.map((t) => pattern.exec(t)).filter((m): m is RegExpExecArray => m !== null && m[1] !== m[2]);
		const checking = partway(await seen(), /^正在检查：第 ([\d,]+) \/ ([\d,]+) 行$/);
		expect(checking.length).toBeGreaterThan(1);
		await page.getByTestId('confirm').click();
		await page.getByText(/^正在保存：/).waitFor({ timeout: 30_000 });
		await page.screenshot({ path: shot('import-progress-desktop') });
		await expect.poll(() => page.getByTestId('saved').textContent(), { timeout: 90_000 }).toContain('新增 5000 条');
		const saving = partway(await seen(), /^正在保存：第 ([\d,]+) \/ ([\d,]+) 条$/);
		expect(saving.length).toBeGreaterThan(2);
		await context.close();
	}, 180_000);

	it('lets a school import its own needs', async () => {
		const context = await e2e.browser.newContext({ viewport: DESKTOP, locale: 'zh-CN', acceptDownloads: true });
		const page = await context.newPage();
		await signIn(page, e2e.app.url, 'school');
		await page.goto(`${e2e.app.url}/needs`, { waitUntil: 'networkidle' });
		await page.getByTestId('import-link').click();
		await page.waitForURL(/\/needs\/import$/);
		expect(await seriousA11yViolations(page)).toEqual([]);
		const template = await download(page, () => page.getByTestId('template-link').click());
		const title = '书法传承课：写好中国字';
		const values: Record<string, string | number> = {
			需求类型: '宣讲',
			标题: title,
			话题: '传统文化',
			对象: '小学高年级',
			人数: 60,
			最早日期: '2027/4/6',
			最晚日期: '2027年4月30日'
		};
		const row = DEMAND_COLUMNS.map((c) => values[headerOf(c, 'zh')] ?? null);
		await page.locator('#sheet-file:enabled').waitFor();
		await page.getByLabel('新需求导入后直接发布（征集中）；不勾选则保存为草稿').check();
		await page.locator('#sheet-file').setInputFiles(await fillTemplate(template.path, [row], 'needs.xlsx'));
		await expect.poll(() => page.getByTestId('count-create').textContent(), { timeout: 30_000 }).toBe('1');
		await page.screenshot({ path: shot('import-needs-preview-desktop'), fullPage: true });
		await page.getByTestId('confirm').click();
		await expect.poll(() => page.getByTestId('saved').textContent(), { timeout: 30_000 }).toContain('新增 1 条');
		await page.goto(`${e2e.app.url}/needs?q=${encodeURIComponent('书法传承课')}`, { waitUntil: 'networkidle' });
		await expect.poll(() => page.getByTestId('need-row').allTextContents()).toEqual([expect.stringContaining('征集中')]);
		await context.close();
	});
});
