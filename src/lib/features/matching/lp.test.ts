import fc from 'fast-check';
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { InfeasiblePinsError } from './errors';
import { buildLinearProgram } from './lp';
import { solveMatching } from './matcher';
import { arbitraryInstance } from './testing';

const highs = await loadHighs();

/** HiGHS' optimum of the instance's linear program. */
function highsOptimum(lp: ReturnType<typeof buildLinearProgram>): number {
	const { pairs: _pairs, ...model } = lp;
	return highs.withModel({ ...model, sense: highs.constants.objectiveSense.maximize }, (m) => {
		m.options.set({ output_flag: false });
		m.run();
		// "empty": no eligible pair at all, so no column.
		expect([highs.constants.modelStatus.optimal, highs.constants.modelStatus.empty]).toContain(m.getModelStatus());
		return m.getObjectiveValue();
	});
}

describe('engine against HiGHS', () => {
	it('reaches the LP optimum on medium random instances', () => {
		const instances = arbitraryInstance({ maxDemands: 40, maxVolunteers: 20, maxPins: 4, maxForbidden: 10 });
		fc.assert(
			fc.property(instances, (instance) => {
				let objective: number;
				try {
					objective = solveMatching(instance).objective;
				} catch (e) {
					if (e instanceof InfeasiblePinsError) return;
					throw e;
				}
				expect(Math.round(highsOptimum(buildLinearProgram(instance)))).toBe(objective);
			}),
			{ numRuns: 60 }
		);
	});

	it('reaches the LP optimum on larger ones, where every stage of the solver has work', () => {
		const instances = arbitraryInstance({ maxDemands: 200, maxVolunteers: 80, maxPins: 0, maxForbidden: 30, minCapacity: 1, size: 'max' });
		fc.assert(
			fc.property(instances, (instance) => {
				let objective: number;
				try {
					objective = solveMatching(instance).objective;
				} catch (e) {
					if (e instanceof InfeasiblePinsError) return;
					throw e;
				}
				expect(Math.round(highsOptimum(buildLinearProgram(instance)))).toBe(objective);
			}),
			{ numRuns: 15 }
		);
	});
});
