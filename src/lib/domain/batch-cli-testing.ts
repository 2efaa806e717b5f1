// The batch commands' tests share this harness: each runs its command in-process on an input
// written to a temporary directory and reads back the exit code, stderr lines and output.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { CliIo } from './batch-cli';

export function batchHarness(prefix: string, main: (args: readonly string[], io: CliIo) => Promise<number>) {
	let dir = '';
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), prefix));
	});
	afterAll(() => rm(dir, { recursive: true, force: true }));
	return {
		/** A path inside the temporary directory. */
		path: (name: string) => join(dir, name),
		/** Runs the command on `input` (a document, or raw text). */
		async run(input: unknown) {
			const inPath = join(dir, 'in.json');
			const outPath = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
			await writeFile(inPath, typeof input === 'string' ? input : JSON.stringify(input));
			const lines: string[] = [];
			const code = await main([inPath, outPath], { stderr: (line) => lines.push(line) });
			const output = await readFile(outPath, 'utf8').catch(() => null);
			return { code, lines, output };
		}
	};
}
