// Every spreadsheet procedure as every role, inside and outside the subtree: allowed calls
// succeed, the rest are refused the way missing things are, and nothing of other areas leaks.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { DEMAND_COLUMNS } from './demand-sheet';
import { fingerprintOf } from './importer';
import { headerOf } from './sheet-spec';
import { drain, upload, xlsxFile } from './testing';
import { VOLUNTEER_COLUMNS } from './volunteer-sheet';

const USERS = ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody'] as const;

describe.each(providers)('spreadsheet authorization on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	let volunteerFile: Uint8Array;
	let demandFile: Uint8Array;

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		volunteerFile = await xlsxFile([
			VOLUNTEER_COLUMNS.map((c) => headerOf(c, 'zh')),
			['东湖新人', '13900000301', '老教师', '法治与安全', '线下', '东湖区']
		]);
		demandFile = await xlsxFile([
			DEMAND_COLUMNS.map((c) => headerOf(c, 'zh')),
			['东湖实验小学', '宣讲', '法治教育进校园', '法治与安全', '小学高年级', 120, '线下', new Date('2027-03-01'), new Date('2027-03-31')]
		]);
		await t.db.demand.create({
			data: {
				orgId: tree.schoolA1,
				kind: 'lecture',
				title: '东湖的需求',
				topic: 'legal',
				audience: 'primary_upper',
				audienceSize: 50,
				windowFrom: new Date('2027-03-01'),
				windowTo: new Date('2027-03-31')
			}
		});
	});
	afterAll(() => t.cleanup());

	/** 'ok' for a call that went through, else the refusal's code. */
	async function outcome(call: () => Promise<unknown>): Promise<string> {
		try {
			const result = await call();
			if (result && typeof result === 'object' && Symbol.asyncIterator in result) {
				const { outcome } = await drain(result as AsyncIterable<never>);
				if (outcome) return outcome.saved ? 'saved' : 'not saved';
			}
			return 'ok';
		} catch (e) {
			expect(e).toBeInstanceOf(TRPCError);
			const code = (e as TRPCError).code;
			expect(code).toMatch(/^(FORBIDDEN|NOT_FOUND|UNAUTHORIZED)$/);
			// A refusal names the permission, never a record of someone else's area.
			expect((e as TRPCError).message).toMatch(/^not allowed: [a-z.]+$/);
			return 'refused';
		}
	}

	it('sweeps every procedure across roles, inside and outside the subtree', async () => {
		const matrix: Record<string, Record<string, string>> = {};
		for (const username of USERS) {
			const api = await callerAs(t.db, username);
			const v = api.spreadsheets.volunteers;
			const d = api.spreadsheets.demands;
			const vFile = upload('v.xlsx', volunteerFile);
			const dFile = upload('d.xlsx', demandFile);
			matrix[username] = {
				vTargets: await outcome(() => v.targets()),
				vTemplate: await outcome(() => v.template()),
				vExport: await outcome(() => v.export({})),
				vPreviewA: await outcome(() => v.preview({ orgId: tree.districtA, file: vFile })),
				vCommitA: await outcome(() => v.commit({ orgId: tree.districtA, file: vFile, fingerprint: fingerprintOf(volunteerFile) })),
				vCommitCity: await outcome(() => v.commit({ orgId: tree.city, file: vFile, fingerprint: fingerprintOf(volunteerFile) })),
				dTargets: await outcome(() => d.targets()),
				dTemplate: await outcome(() => d.template()),
				dExport: await outcome(() => d.export({})),
				dPreview: await outcome(() => d.preview({ file: dFile })),
				dCommit: await outcome(() => d.commit({ file: dFile, fingerprint: fingerprintOf(demandFile) }))
			};
		}
		const row = (v: [string, string, string, string, string, string], dm: [string, string, string, string, string]) => ({
			vTargets: v[0],
			vTemplate: v[1],
			vExport: v[2],
			vPreviewA: v[3],
			vCommitA: v[4],
			vCommitCity: v[5],
			dTargets: dm[0],
			dTemplate: dm[1],
			dExport: dm[2],
			dPreview: dm[3],
			dCommit: dm[4]
		});
		const none = ['refused', 'refused', 'refused', 'refused', 'refused', 'refused'] as const;
		expect(matrix).toEqual({
			admin: row(['ok', 'ok', 'ok', 'ok', 'saved', 'saved'], ['ok', 'ok', 'ok', 'ok', 'saved']),
			cityCoord: row(['ok', 'ok', 'ok', 'ok', 'saved', 'saved'], ['ok', 'ok', 'ok', 'ok', 'saved']),
			coordA: row(['ok', 'ok', 'ok', 'ok', 'saved', 'refused'], ['ok', 'ok', 'ok', 'ok', 'saved']),
			// Another district's coordinator works in their own district; rows naming 东湖 are problems.
			coordB: row(['ok', 'ok', 'ok', 'refused', 'refused', 'refused'], ['ok', 'ok', 'ok', 'ok', 'not saved']),
			leader: row(['refused', 'refused', 'ok', 'refused', 'refused', 'refused'], ['refused', 'refused', 'ok', 'refused', 'refused']),
			schoolA1: row([...none], ['ok', 'ok', 'ok', 'ok', 'saved']),
			schoolB1: row([...none], ['ok', 'ok', 'ok', 'ok', 'not saved']),
			volA: row([...none], ['refused', 'refused', 'refused', 'refused', 'refused']),
			nobody: row([...none], ['refused', 'refused', 'refused', 'refused', 'refused'])
		});
		// However many allowed callers confirmed the same files, each person and need exists once.
		expect(await t.db.volunteerProfile.count({ where: { phone: '13900000301' } })).toBe(1);
		expect(await t.db.demand.count({ where: { title: '法治教育进校园' } })).toBe(1);
	});

	it('leaks nothing of other areas through targets, templates, previews or exports', async () => {
		const coordB = await callerAs(t.db, 'coordB');
		expect((await coordB.spreadsheets.volunteers.targets()).committees.map((c) => c.id)).toEqual([tree.districtB]);
		expect((await coordB.spreadsheets.demands.targets()).schools.map((s) => s.id)).toEqual([tree.schoolB1]);
		const preview = (await drain(await coordB.spreadsheets.demands.preview({ file: upload('d.xlsx', demandFile) }))).preview;
		expect(preview.problems).toEqual([{ row: 2, column: '学校', reason: '找不到“东湖实验小学”，或不在您管理的范围内' }]);
		const template = Buffer.from((await coordB.spreadsheets.demands.template()).content, 'base64');
		const school = await callerAs(t.db, 'schoolB1');
		const exported = Buffer.from((await school.spreadsheets.demands.export({})).content, 'base64');
		// Zipped, so look at what a person opening them would see.
		const ExcelJS = (await import('exceljs')).default;
		for (const file of [template, exported]) {
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(file as unknown as ArrayBuffer);
			const text: string[] = [];
			workbook.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => text.push(String(c.text)))));
			expect(text.join('\n')).not.toMatch(/东湖/);
		}
	});
});
