// The exact optimum from HiGHS (WebAssembly), solving the instance's linear program. The
// program is a network LP, so its optimum is integral: the integer optimum, without
// branch-and-bound.
import loadHighs from 'highs';
import { buildLinearProgram } from '../src/lib/features/matching/lp';
import type { MatchingInstance } from '../src/lib/features/matching/types';

export type HighsOutcome =
	{ status: 'optimal'; objective: number; ms: number } | { status: 'timeout' | 'failed'; ms: number; detail: string };

const highs = await loadHighs();

/** Solves with a wall-clock limit. Time covers loading the model into HiGHS and solving it. */
export function highsOptimum(instance: MatchingInstance, timeLimitSeconds: number): HighsOutcome {
	const { pairs: _pairs, ...lp } = buildLinearProgram(instance);
	const started = performance.now();
	try {
		return highs.withModel({ ...lp, sense: highs.constants.objectiveSense.maximize }, (model): HighsOutcome => {
			model.options.set({ output_flag: false, time_limit: timeLimitSeconds });
			model.run();
			const status = model.getModelStatus();
			const ms = performance.now() - started;
			if (status === highs.constants.modelStatus.empty) return { status: 'optimal', objective: 0, ms };
			if (status === highs.constants.modelStatus.optimal) return { status: 'optimal', objective: model.getObjectiveValue(), ms };
			if (status === highs.constants.modelStatus.timeLimit) return { status: 'timeout', ms, detail: 'time limit' };
			return { status: 'failed', ms, detail: `model status ${status}` };
		});
	} catch (e) {
		return { status: 'failed', ms: performance.now() - started, detail: (e as Error).message };
	}
}
