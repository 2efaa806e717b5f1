// The engine against the exact optimum of the time-indexed MIP (HiGHS) on small random
// instances: larger than brute force can enumerate.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highsOptimum } from '../../../../../bench/schedule-highs';
import { checkPlacements } from './check';
import { schedule } from './schedule';
import { arbitraryTinyInstance, bruteForceOptimum } from './testing';

describe('schedule against the HiGHS optimum', () => {
	// The MIP's clique rows, cumulative series rows and dropped dominated starts must not cut off the optimum.
	it('the MIP finds the exhaustive optimum on tiny instances', () => {
		fc.assert(
			fc.property(arbitraryTinyInstance({ sessions: 3, days: 4 }), (instance) => {
				const exact = highsOptimum(instance, 30);
				expect(exact.status).toBe('optimal');
				if (exact.status === 'optimal') expect(exact.objective).toBe(bruteForceOptimum(instance).cost);
			}),
			{ numRuns: 150, seed: 5 }
		);
	});

	it('is within 1 % of the optimum on small instances', () => {
		fc.assert(
			fc.property(arbitraryTinyInstance({ sessions: 10, days: 10 }), (instance) => {
				const outcome = schedule(instance);
				expect(checkPlacements(instance, outcome.placements)).toEqual([]);
				const exact = highsOptimum(instance, 30);
				expect(exact.status).toBe('optimal');
				if (exact.status !== 'optimal') return;
				expect(outcome.cost).toBeGreaterThanOrEqual(exact.objective);
				expect(outcome.cost).toBeLessThanOrEqual(Math.floor(exact.objective * 1.01));
			}),
			{ numRuns: 40, seed: 11 }
		);
	});
});
