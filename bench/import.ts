// Spreadsheet import at scale: 5 000-row files (volunteers as .xlsx and as GBK CSV, needs as
// .xlsx, and volunteers in a committee's own roster shape, whose columns are mapped by the
// committees' words) through the real tRPC procedures — the preview, then the confirmation that reads,
// checks and writes again — timed per phase from the progress events the browser sees.
// The mapping step (header row found, columns matched to fields) is timed as its own phase.
// Baselines, measured in the same run on the same files: a plain exceljs read of the .xlsx,
// a plain papaparse parse of the CSV. Budget: preview plus confirmation of 5 000 rows under
// 10 s on the 2-core machine.
// Run: npm run bench:import
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { buildTree } from '../tests/helpers/fixtures';
import { createTestDb, postgresUrl } from '../tests/helpers/test-db';
import { callerAs } from '../tests/helpers/api';
import { DEMAND_COLUMNS } from '../src/lib/features/spreadsheets/demand-sheet';
import type { ImportEvent } from '../src/lib/features/spreadsheets/importer';
import { headerOf } from '../src/lib/features/spreadsheets/sheet-spec';
import { csvFile, upload, xlsxFile } from '../src/lib/features/spreadsheets/testing';
import { ROSTER_HEADERS } from '../src/lib/features/spreadsheets/testing-rosters';
import { VOLUNTEER_COLUMNS } from '../src/lib/features/spreadsheets/volunteer-sheet';

const ROWS = 5000;
const RUNS = 3;
const BUDGET_MS = 10_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗';
const GIVEN = ['建国', '秀英', '志强', '桂兰', '德明', '淑芬', '国庆', '玉兰', '振华', '凤英'];
const TOPICS = ['法治与安全、五史教育', '家庭教育', '心理健康、阅读辅导', '传统文化 劳动教育', '科学技术'];

const volunteerRows = () => [
	VOLUNTEER_COLUMNS.map((c) => headerOf(c, 'zh')),
	...Array.from({ length: ROWS }, (_, i) => [
		`${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 10]}${i}`,
		`137${String(i).padStart(8, '0')}`,
		['老教师', '老干部', '老战士', '老专家', '老模范'][i % 5],
		TOPICS[i % TOPICS.length],
		['线下', '线上', '线上或线下'][i % 3],
		'东湖区',
		[30, 45, 60, 90][i % 4],
		1 + (i % 4),
		'普通话',
		'退休后一直关心下一代，愿意给孩子们讲讲自己的经历。',
		''
	])
];

/** The same people in a committee's own shape: a running number, their headers and words. */
const rosterRows = () => [
	ROSTER_HEADERS,
	...Array.from({ length: ROWS }, (_, i) => [
		i + 1,
		`${SURNAMES[i % 20]}${GIVEN[Math.floor(i / 20) % 10]}${i}`,
		i % 2 ? '男' : '女',
		['1956.07', '1950年5月', 1948, '1955.3'][i % 4],
		['老教师', '老干部', '老战士', '老专家', '老模范'][i % 5],
		['法制教育、党史', '家庭教育', '心理健康教育，阅读', '传统文化 劳动教育', '科普'][i % 5],
		`137-${String(i).padStart(4, '0').slice(0, 4)}-${String(i).padStart(8, '0').slice(4)}`,
		'东湖',
		['线下', '线上', '均可'][i % 3],
		'退休后一直关心下一代。'
	])
];

const demandRows = (schools: string[]) => [
	DEMAND_COLUMNS.map((c) => headerOf(c, 'zh')),
	...Array.from({ length: ROWS }, (_, i) => {
		const from = new Date(Date.UTC(2027, 2, 1 + (i % 90)));
		return [
			schools[i % schools.length],
			['宣讲', '家长学校', '工匠进校园'][i % 3],
			`需求 ${i + 1}：${['法治教育进校园', '心理健康讲座', '红色故事会', '科普实验课'][i % 4]}`,
			['法治与安全', '家庭教育', '劳动教育', '心理健康'][i % 4],
			['小学高年级', '家长', '初中、高中'][i % 3],
			30 + (i % 300),
			'线下',
			from,
			new Date(from.getTime() + 14 * 86_400_000),
			1,
			60,
			1,
			i % 3 === 0 ? '是' : '否',
			'否',
			'否',
			null,
			''
		];
	})
];

/** Milliseconds per phase, from the call until the events of the next phase arrive. */
async function timed(
	call: () => Promise<AsyncIterable<ImportEvent>>
): Promise<{ phases: Record<string, number>; total: number; last: ImportEvent }> {
	const started = performance.now();
	const firstSeen: Record<string, number> = {};
	let last: ImportEvent | undefined;
	for await (const event of await call()) {
		const phase = event.type === 'progress' ? event.phase : 'end';
		firstSeen[phase] ??= performance.now() - started;
		last = event;
	}
	const total = performance.now() - started;
	const at = (phase: string) => firstSeen[phase] ?? total;
	return {
		phases: {
			read: at('map'),
			map: at('check') - at('map'),
			check: (firstSeen.write ?? firstSeen.end) - at('check'),
			write: firstSeen.write === undefined ? 0 : total - firstSeen.write
		},
		total,
		last: last!
	};
}

async function baselineXlsx(bytes: Uint8Array) {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		workbook.worksheets[0].eachRow(() => undefined);
		times.push(performance.now() - t0);
	}
	return median(times);
}

function baselineCsv(bytes: Uint8Array) {
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		Papa.parse(new TextDecoder('gb18030').decode(bytes), { skipEmptyLines: false });
		times.push(performance.now() - t0);
	}
	return median(times);
}

for (const provider of ['sqlite', ...(postgresUrl() ? ['postgresql' as const] : [])] as const) {
	const t = await createTestDb(provider);
	try {
		const tree = await buildTree(t.db);
		const api = await callerAs(t.db, 'coordA');
		const schools = ['东湖实验小学', '东湖第二中学'];
		const files = {
			'volunteers .xlsx': { bytes: await xlsxFile(volunteerRows()), baseline: 'plain exceljs read' },
			'volunteers GBK .csv': { bytes: csvFile(volunteerRows(), 'gbk'), baseline: 'plain papaparse parse' },
			'roster, own shape .xlsx': { bytes: await xlsxFile(rosterRows()), baseline: 'plain exceljs read' },
			'needs .xlsx': { bytes: await xlsxFile(demandRows(schools)), baseline: 'plain exceljs read' }
		};
		const clear = () =>
			Promise.all([
				t.db.volunteerProfile.deleteMany({ where: { phone: { startsWith: '137' } } }),
				t.db.importMapping.deleteMany({}),
				t.db.demand.deleteMany({ where: { title: { startsWith: '需求 ' } } })
			]);

		const lines: string[] = [];
		const verdicts: string[] = [];
		for (const [name, file] of Object.entries(files)) {
			const baseline = name.endsWith('.csv') ? baselineCsv(file.bytes) : await baselineXlsx(file.bytes);
			const isNeeds = name.startsWith('needs');
			const preview = () =>
				isNeeds
					? api.spreadsheets.demands.preview({ file: upload(name, file.bytes) })
					: api.spreadsheets.volunteers.preview({ orgId: tree.districtA, file: upload(name, file.bytes) });
			const commit = (fingerprint: string) =>
				isNeeds
					? api.spreadsheets.demands.commit({ fingerprint, file: upload(name, file.bytes) })
					: api.spreadsheets.volunteers.commit({ orgId: tree.districtA, fingerprint, file: upload(name, file.bytes) });

			const samples = {
				preview: [] as number[],
				read: [] as number[],
				map: [] as number[],
				check: [] as number[],
				write: [] as number[],
				confirm: [] as number[],
				whole: [] as number[],
				again: [] as number[]
			};
			for (let run = 0; run < RUNS; run++) {
				await clear();
				const p = await timed(preview);
				if (p.last.type !== 'preview' || p.last.preview.problemCount) throw new Error(`${name}: the preview found problems`);
				const c = await timed(() => commit((p.last as Extract<ImportEvent, { type: 'preview' }>).preview.fingerprint));
				if (c.last.type !== 'outcome' || !c.last.outcome.saved || c.last.outcome.counts.create !== ROWS)
					throw new Error(`${name}: the import did not save ${ROWS} rows`);
				const again = await timed(() => commit((p.last as Extract<ImportEvent, { type: 'preview' }>).preview.fingerprint));
				samples.preview.push(p.total);
				samples.read.push(c.phases.read);
				samples.map.push(c.phases.map);
				samples.check.push(c.phases.check);
				samples.write.push(c.phases.write);
				samples.confirm.push(c.total);
				samples.whole.push(p.total + c.total);
				samples.again.push(again.total);
			}
			const row = (label: string, ms: number) => lines.push(`| ${name} | ${label} | ${ms.toFixed(0)} | ${(ms / baseline).toFixed(2)} |`);
			row(`${file.baseline} (baseline)`, baseline);
			row('preview (read + check)', median(samples.preview));
			row('confirm: read', median(samples.read));
			row('confirm: map columns', median(samples.map));
			row('confirm: check', median(samples.check));
			row('confirm: write', median(samples.write));
			row('confirm, whole', median(samples.confirm));
			row('preview + confirm', median(samples.whole));
			row('re-import, all unchanged', median(samples.again));
			const whole = median(samples.whole);
			verdicts.push(`${name}: ${(whole / 1000).toFixed(1)} s — ${whole < BUDGET_MS ? 'met' : 'NOT met'}`);
		}
		console.log(`\nSpreadsheet import on ${provider}, ${ROWS.toLocaleString('en')} rows, median of ${RUNS}\n`);
		console.log('| file | phase | median ms | × baseline |');
		console.log('|---|---|---:|---:|');
		for (const line of lines) console.log(line);
		console.log(`\nBudget: preview + confirm of ${ROWS.toLocaleString('en')} rows under ${BUDGET_MS / 1000} s on the 2-core machine.`);
		for (const verdict of verdicts) console.log(`- ${verdict}`);
	} finally {
		await t.cleanup();
	}
}
