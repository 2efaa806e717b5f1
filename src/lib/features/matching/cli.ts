// The batch command: `npm run match -- IN.json OUT.json`. Reads `silverbridge.matching/1`,
// writes `silverbridge.matching-result/1`. On malformed or infeasible input it writes no
// result, explains on stderr (field, id, pair) and exits non-zero.
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { describePinProblem, InfeasiblePinsError, MatchingInputError } from './errors';
import { MatchingFormatError, parseInstance, toResultDocument } from './format';
import { Matcher } from './matcher';

export const EXIT = { ok: 0, usage: 1, malformed: 2, infeasible: 3 } as const;

export interface CliIo {
	readonly stderr: (line: string) => void;
}

export async function main(args: readonly string[], io: CliIo = { stderr: (line) => process.stderr.write(`${line}\n`) }): Promise<number> {
	if (args.length !== 2) {
		io.stderr('usage: npm run match -- IN.json OUT.json');
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
		const instance = parseInstance(doc);
		const started = performance.now();
		const matcher = new Matcher(instance);
		const solution = matcher.solve();
		const elapsedMs = performance.now() - started;
		for (const [d, v] of matcher.ignoredForbidden) io.stderr(`note: forbidden pair (${d}, ${v}) names an unknown id; ignored`);
		result = `${JSON.stringify(toResultDocument(solution, elapsedMs))}\n`;
	} catch (e) {
		if (e instanceof MatchingFormatError || e instanceof MatchingInputError) {
			io.stderr(`${inPath}: ${e.message}`);
			return EXIT.malformed;
		}
		if (e instanceof InfeasiblePinsError) {
			io.stderr(`${inPath}: infeasible pins, no result written:`);
			for (const problem of e.problems) io.stderr(`  ${describePinProblem(problem)}`);
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
