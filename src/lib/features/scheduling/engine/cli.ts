// The batch command: `npm run schedule -- IN.json OUT.json`. Reads `silverbridge.scheduling/1`,
// writes `silverbridge.scheduling-result/1`. On malformed input or an infeasible fixed set it
// writes no result, explains on stderr (field and id, or every fixed session involved) and
// exits non-zero.
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { InfeasibleFixedError } from './errors';
import { parseInstance, SchedulingFormatError, toResultDocument } from './format';
import { schedule } from './schedule';

export const EXIT = { ok: 0, usage: 1, malformed: 2, infeasible: 3 } as const;

export interface CliIo {
	readonly stderr: (line: string) => void;
}

export async function main(args: readonly string[], io: CliIo = { stderr: (line) => process.stderr.write(`${line}\n`) }): Promise<number> {
	if (args.length !== 2) {
		io.stderr('usage: npm run schedule -- IN.json OUT.json');
		return EXIT.usage;
	}
	const [inPath, outPath] = args;
	let text: string;
	try {
		text = await readFile(inPath, 'utf8');
	} catch (e) {
		io.stderr(`cannot read ${inPath}: ${(e as Error).message}`);
		return EXIT.usage;
	}
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (e) {
		io.stderr(`${inPath} is not valid JSON: ${(e as Error).message}`);
		return EXIT.malformed;
	}
	let result: string;
	try {
		const outcome = schedule(parseInstance(doc));
		result = `${JSON.stringify(toResultDocument(outcome))}\n`;
	} catch (e) {
		if (e instanceof SchedulingFormatError) {
			io.stderr(`${inPath}: ${e.message}`);
			return EXIT.malformed;
		}
		if (e instanceof InfeasibleFixedError) {
			io.stderr(`${inPath}: infeasible fixed sessions, no result written: ${e.sessions.join(', ')}`);
			for (const v of e.violations) io.stderr(`  constraint ${v.constraint} (${v.rule}): ${v.reason}`);
			return EXIT.infeasible;
		}
		throw e;
	}
	try {
		await writeFile(outPath, result);
	} catch (e) {
		io.stderr(`cannot write ${outPath}: ${(e as Error).message}`);
		return EXIT.usage;
	}
	return EXIT.ok;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	process.exitCode = await main(process.argv.slice(2));
}
