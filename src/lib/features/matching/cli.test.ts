import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { batchHarness } from '../../domain/batch-cli-testing';
import { EXIT, main } from './cli';
import { objectiveOf, validateAssignment } from './evaluate';
import example from './example.json';
import { parseInstance, parseResult } from './format';

const { run, path } = batchHarness('silverbridge-match-', main);

describe('npm run match', () => {
	it('round-trips the documented example', async () => {
		const { code, lines, output } = await run(example);
		expect(code).toBe(EXIT.ok);
		// The example forbids a demand that is not in the instance: noted, not fatal.
		expect(lines).toEqual(['note: forbidden pair (n002, v001) names an unknown id; ignored']);
		const result = parseResult(JSON.parse(output!));
		const instance = parseInstance(example);
		// The pinned offline pair: P(2) - 35 minutes. (The format's sample result shows 130, the
		// online score, but the demand is offline-only.)
		expect(result).toMatchObject({ format: 'silverbridge.matching-result/1', assignments: [['n001', 'v001']], objective: 115 });
		expect(result.objective).toBe(objectiveOf(instance, result.assignments));
		expect(validateAssignment(instance, result.assignments)).toEqual([]);
		expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
	});

	it('rejects malformed input naming the field and id, and writes nothing', async () => {
		const bad = structuredClone(example);
		bad.volunteers[0].capacity = -1;
		const { code, lines, output } = await run(bad);
		expect(code).toBe(EXIT.malformed);
		expect(output).toBeNull();
		expect(lines.join('\n')).toContain('volunteers[0] (id "v001").capacity: must be >= 1');

		const notJson = await run('{"format": ');
		expect(notJson.code).toBe(EXIT.malformed);
		expect(notJson.lines[0]).toMatch(/is not valid JSON/);

		const unknownPin = await run({ ...example, pinned: [['n001', 'v404']] });
		expect(unknownPin.lines.join('\n')).toContain('pinned[0][1]: unknown volunteer "v404"');
	});

	it('reports infeasible pins by pair and rule', async () => {
		const far = structuredClone(example);
		far.volunteers[0].maxTravelMinutes = 30;
		const { code, lines, output } = await run(far);
		expect(code).toBe(EXIT.infeasible);
		expect(output).toBeNull();
		expect(lines).toContain("  pinned pair (n001, v001) is not eligible: travel of 35 min exceeds the volunteer's limit of 30 min");
	});

	it('explains its usage', async () => {
		const lines: string[] = [];
		expect(await main(['only-one.json'], { stderr: (l) => lines.push(l) })).toBe(EXIT.usage);
		expect(lines[0]).toMatch(/^usage: npm run match -- IN.json OUT.json/);
	});

	it('runs as a command with a non-zero exit on bad input', async () => {
		const inPath = path('cmd-in.json');
		const outPath = path('cmd-out.json');
		await writeFile(inPath, JSON.stringify(example));
		await promisify(execFile)('npx', ['tsx', 'src/lib/features/matching/cli.ts', inPath, outPath]);
		expect(parseResult(JSON.parse(await readFile(outPath, 'utf8'))).objective).toBe(115);
		await writeFile(inPath, JSON.stringify({ ...example, demands: 'none' }));
		const failed = await promisify(execFile)('npx', ['tsx', 'src/lib/features/matching/cli.ts', inPath, outPath]).catch((e) => e);
		expect(failed.code).toBe(EXIT.malformed);
		expect(failed.stderr).toContain('demands: Invalid input: expected array, received string');
	});
});
