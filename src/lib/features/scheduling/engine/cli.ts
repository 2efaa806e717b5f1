// The batch command: `npm run schedule -- IN.json OUT.json`. Reads `silverbridge.scheduling/1`,
// writes `silverbridge.scheduling-result/1`. On malformed input or an infeasible fixed set it
// writes no result, explains on stderr (field and id, or every fixed session involved) and
// exits non-zero (the shared runner: src/lib/domain/batch-cli.ts).
import { EXIT, runBatch, runIfEntryPoint, type BatchCommand, type CliIo } from '../../../domain/batch-cli';
import { InfeasibleFixedError } from './errors';
import { parseInstance, SchedulingFormatError, toResultDocument } from './format';
import { schedule } from './schedule';

export { EXIT };

const command: BatchCommand = {
	script: 'schedule',
	solve: (doc) => toResultDocument(schedule(parseInstance(doc))),
	refusal: (e) => {
		if (e instanceof SchedulingFormatError) return { exit: EXIT.malformed, message: e.message };
		if (e instanceof InfeasibleFixedError)
			return {
				exit: EXIT.infeasible,
				message: `infeasible fixed sessions, no result written: ${e.sessions.join(', ')}`,
				details: e.violations.map((v) => `constraint ${v.constraint} (${v.rule}): ${v.reason}`)
			};
		return null;
	}
};

export const main = (args: readonly string[], io?: CliIo) => runBatch(command, args, io);

await runIfEntryPoint(import.meta.url, command);
