// The batch commands' shared runner (`npm run match`, `npm run schedule`): `IN.json OUT.json`
// in, a result document out. On unreadable or malformed input, or an instance the engine
// refuses, it writes no result, explains on stderr and exits non-zero; each command supplies
// only how to solve a parsed document and how to word its refusals.
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

export const EXIT = { ok: 0, usage: 1, malformed: 2, infeasible: 3 } as const;

export interface CliIo {
	readonly stderr: (line: string) => void;
}

/** Why an input got no result: the exit code, a message (after `IN.json: `) and detail lines. */
export interface Refusal {
	readonly exit: (typeof EXIT)['malformed' | 'infeasible'];
	readonly message: string;
	readonly details?: readonly string[];
}

export interface BatchCommand {
	/** The npm script, for the usage line. */
	readonly script: string;
	/** The result document (serialised as JSON) for a parsed input; throws to refuse. */
	readonly solve: (doc: unknown, io: CliIo) => unknown;
	/** The refusal for an error `solve` threw, or null for an unexpected one (rethrown). */
	readonly refusal: (error: unknown) => Refusal | null;
}

const stderr: CliIo = { stderr: (line) => process.stderr.write(`${line}\n`) };

export async function runBatch(command: BatchCommand, args: readonly string[], io: CliIo = stderr): Promise<number> {
	if (args.length !== 2) {
		io.stderr(`usage: npm run ${command.script} -- IN.json OUT.json`);
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
		result = `${JSON.stringify(command.solve(doc, io))}\n`;
	} catch (e) {
		const refusal = command.refusal(e);
		if (!refusal) throw e;
		io.stderr(`${inPath}: ${refusal.message}`);
		for (const line of refusal.details ?? []) io.stderr(`  ${line}`);
		return refusal.exit;
	}
	try {
		await writeFile(outPath, result);
	} catch (e) {
		io.stderr(`cannot write ${outPath}: ${(e as Error).message}`);
		return EXIT.usage;
	}
	return EXIT.ok;
}

/** Runs the command when its module is the process's entry point (`tsx path/cli.ts IN OUT`). */
export async function runIfEntryPoint(moduleUrl: string, command: BatchCommand): Promise<void> {
	if (process.argv[1] && moduleUrl === pathToFileURL(process.argv[1]).href)
		process.exitCode = await runBatch(command, process.argv.slice(2));
}
