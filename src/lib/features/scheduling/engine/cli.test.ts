import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkPlacements, costOf } from './check';
import { batchHarness } from '../../../domain/batch-cli-testing';
import { EXIT, main } from './cli';
import example from './example.json';
import { parseInstance, parseResult } from './format';

const { run, path } = batchHarness('silverbridge-schedule-', main);

describe('npm run schedule', () => {
	it('schedules the documented example, keeping the published start', async () => {
		const { code, lines, output } = await run(example);
		expect(code).toBe(EXIT.ok);
		expect(lines).toEqual([]);
		const result = parseResult(JSON.parse(output!));
		const instance = parseInstance(example);
		expect(result).toMatchObject({
			format: 'silverbridge.scheduling-result/1',
			placements: [{ session: 'x001', start: '2026-03-10T09:00' }],
			unscheduled: [],
			cost: 1
		});
		expect(checkPlacements(instance, result.placements)).toEqual([]);
		expect(result.cost).toBe(costOf(instance, result.placements));
	});

	it('rejects malformed input naming the field and id, and writes nothing', async () => {
		const bad = structuredClone(example);
		bad.sessions[0].window.from = '2026-02-30';
		const { code, lines, output } = await run(bad);
		expect(code).toBe(EXIT.malformed);
		expect(output).toBeNull();
		expect(lines.join('\n')).toContain('sessions[0] (id "x001").window.from: not a real date');

		const odd = structuredClone(example);
		odd.sessions[0].minutes = 45;
		expect((await run(odd)).lines.join('\n')).toContain('sessions[0] (id "x001").minutes: must be a multiple of horizon.slotMinutes (30)');

		const notJson = await run('{"format": ');
		expect(notJson.code).toBe(EXIT.malformed);
		expect(notJson.lines[0]).toMatch(/is not valid JSON/);
	});

	it('names every fixed session of an infeasible fixed set and writes nothing', async () => {
		const clash = structuredClone(example) as Record<string, unknown> & typeof example;
		clash.sessions.push({ ...example.sessions[0], id: 'x002' });
		clash.fixed = [
			{ session: 'x001', start: '2026-03-10T09:00' },
			{ session: 'x002', start: '2026-03-10T09:30' }
		];
		const { code, lines, output } = await run(clash);
		expect(code).toBe(EXIT.infeasible);
		expect(output).toBeNull();
		expect(lines[0]).toMatch(/infeasible fixed sessions, no result written: x001, x002$/);
		expect(lines.join('\n')).toContain('constraint 4 (overlap)');
	});

	it('explains its usage', async () => {
		const lines: string[] = [];
		expect(await main(['only-one.json'], { stderr: (l) => lines.push(l) })).toBe(EXIT.usage);
		expect(lines[0]).toMatch(/^usage: npm run schedule -- IN.json OUT.json/);
	});

	it('runs as a command with a non-zero exit on bad input', async () => {
		const inPath = path('cmd-in.json');
		const outPath = path('cmd-out.json');
		await writeFile(inPath, JSON.stringify(example));
		await promisify(execFile)('npx', ['tsx', 'src/lib/features/scheduling/engine/cli.ts', inPath, outPath]);
		expect(parseResult(JSON.parse(await readFile(outPath, 'utf8'))).cost).toBe(1);
		await writeFile(inPath, JSON.stringify({ ...example, sessions: 'none' }));
		const failed = await promisify(execFile)('npx', ['tsx', 'src/lib/features/scheduling/engine/cli.ts', inPath, outPath]).catch((e) => e);
		expect(failed.code).toBe(EXIT.malformed);
		expect(failed.stderr).toContain('sessions: Invalid input: expected array, received string');
	});
});
