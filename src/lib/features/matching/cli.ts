// The batch command: `npm run match -- IN.json OUT.json`. Reads `silverbridge.matching/1`,
// writes `silverbridge.matching-result/1`. On malformed or infeasible input it writes no
// result, explains on stderr (field, id, pair) and exits non-zero (the shared runner:
// src/lib/domain/batch-cli.ts).
import { EXIT, runBatch, runIfEntryPoint, type BatchCommand, type CliIo } from '../../domain/batch-cli';
import { describePinProblem, InfeasiblePinsError, MatchingInputError } from './errors';
import { MatchingFormatError, parseInstance, toResultDocument } from './format';
import { Matcher } from './matcher';

export { EXIT };

const command: BatchCommand = {
	script: 'match',
	solve: (doc, io) => {
		const instance = parseInstance(doc);
		const started = performance.now();
		const matcher = new Matcher(instance);
		const solution = matcher.solve();
		const elapsedMs = performance.now() - started;
		for (const [d, v] of matcher.ignoredForbidden) io.stderr(`note: forbidden pair (${d}, ${v}) names an unknown id; ignored`);
		return toResultDocument(solution, elapsedMs);
	},
	refusal: (e) => {
		if (e instanceof MatchingFormatError || e instanceof MatchingInputError) return { exit: EXIT.malformed, message: e.message };
		if (e instanceof InfeasiblePinsError)
			return { exit: EXIT.infeasible, message: 'infeasible pins, no result written:', details: e.problems.map(describePinProblem) };
		return null;
	}
};

export const main = (args: readonly string[], io?: CliIo) => runBatch(command, args, io);

await runIfEntryPoint(import.meta.url, command);
