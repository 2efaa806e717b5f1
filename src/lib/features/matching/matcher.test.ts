import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERENCE_WEIGHTS } from './eligibility';
import { InfeasiblePinsError, MatchingInputError } from './errors';
import { objectiveOf, validateAssignment } from './evaluate';
import { Matcher, solveMatching } from './matcher';
import { arbitraryInstance, bruteForceOptimum } from './testing';
import type { MatchingInstance, ScoringWeights } from './types';

const small = arbitraryInstance({ maxDemands: 4, maxVolunteers: 4, maxPins: 2, maxForbidden: 3 });
const key = ([d, v]: readonly [string, string]) => `${d}|${v}`;

/** Solves, or returns the pin error; anything else is a failure. */
function trySolve(instance: MatchingInstance, weights?: ScoringWeights) {
	try {
		return solveMatching(instance, { weights });
	} catch (e) {
		if (e instanceof InfeasiblePinsError) return e;
		throw e;
	}
}

describe('solveMatching on small random instances', () => {
	it('reaches the exhaustive optimum, keeps every constraint, and refuses exactly the infeasible pins', () => {
		fc.assert(
			fc.property(small, (instance) => {
				const expected = bruteForceOptimum(instance);
				const result = trySolve(instance);
				if (result instanceof InfeasiblePinsError) {
					expect(expected).toBeNull();
					return;
				}
				expect(expected).not.toBeNull();
				expect(result.objective).toBe(expected!.objective);
				expect(validateAssignment(instance, result.assignments)).toEqual([]);
				expect(objectiveOf(instance, result.assignments)).toBe(result.objective);
				const assigned = new Set(result.assignments.map(key));
				for (const pin of instance.pinned) expect(assigned.has(key(pin))).toBe(true);
				for (const pair of instance.forbidden) expect(assigned.has(key(pair))).toBe(false);
			}),
			{ numRuns: 400 }
		);
	});

	it('optimises tuned weights exactly as well', () => {
		const weights = fc.record({
			priorityPoints: fc.record({
				1: fc.integer({ min: 0, max: 80 }),
				2: fc.integer({ min: 0, max: 150 }),
				3: fc.integer({ min: 0, max: 300 })
			}),
			onlinePenalty: fc.integer({ min: -10, max: 60 }),
			minutePenalty: fc.integer({ min: 0, max: 3 }),
			loadStep: fc.integer({ min: 0, max: 60 })
		});
		fc.assert(
			fc.property(small, weights, (instance, w) => {
				const expected = bruteForceOptimum(instance, w);
				const result = trySolve(instance, w);
				if (result instanceof InfeasiblePinsError) expect(expected).toBeNull();
				else expect(result.objective).toBe(expected!.objective);
			}),
			{ numRuns: 200 }
		);
	});

	it('optimises weights whose scores spread over millions (pair arcs ordered by a comparison sort)', () => {
		const wide: ScoringWeights = {
			priorityPoints: { 1: 1_000_000, 2: 3_000_000, 3: 9_000_000 },
			onlinePenalty: 700_001,
			minutePenalty: 40_003,
			loadStep: 90_007
		};
		fc.assert(
			fc.property(small, (instance) => {
				const expected = bruteForceOptimum(instance, wide);
				const result = trySolve(instance, wide);
				if (result instanceof InfeasiblePinsError) expect(expected).toBeNull();
				else expect(result.objective).toBe(expected!.objective);
			}),
			{ numRuns: 100 }
		);
	});

	it('handles the empty cases', () => {
		const base: MatchingInstance = { districts: ['d'], travelMinutes: [[0]], volunteers: [], demands: [], pinned: [], forbidden: [] };
		expect(solveMatching(base)).toEqual({ assignments: [], objective: 0 });
		const lonely = { ...base, demands: [{ id: 'n', district: 'd', topic: 't', mode: 'any' as const, seats: 2, priority: 1 as const }] };
		expect(solveMatching(lonely)).toEqual({ assignments: [], objective: 0 });
	});

	it('leaves a seat empty rather than lose points, and spreads load', () => {
		// One volunteer, three demands worth 180 online each: the third costs 20 in load, still worth taking;
		// with loadStep 100 only the first is.
		const instance: MatchingInstance = {
			districts: ['d'],
			travelMinutes: [[0]],
			volunteers: [{ id: 'v', district: 'd', topics: ['t'], modes: ['online'], capacity: 3, maxTravelMinutes: 0, languages: [] }],
			demands: ['a', 'b', 'c'].map((id) => ({ id, district: 'd', topic: 't', mode: 'online' as const, seats: 1, priority: 3 as const })),
			pinned: [],
			forbidden: []
		};
		expect(solveMatching(instance).objective).toBe(3 * 180 - 10 * 3);
		const steep = { ...REFERENCE_WEIGHTS, loadStep: 200 };
		const one = solveMatching(instance, { weights: steep });
		expect(one.objective).toBe(180);
		expect(one.assignments).toHaveLength(1);
	});
});

describe('infeasible pins', () => {
	const base: MatchingInstance = {
		districts: ['d1', 'd2'],
		travelMinutes: [
			[0, 80],
			[80, 0]
		],
		volunteers: [
			{ id: 'v1', district: 'd1', topics: ['legal'], modes: ['offline'], capacity: 1, maxTravelMinutes: 60, languages: ['zh'] },
			{ id: 'v2', district: 'd1', topics: ['legal'], modes: ['offline', 'online'], capacity: 2, maxTravelMinutes: 60, languages: ['zh'] }
		],
		demands: [
			{ id: 'n1', district: 'd2', topic: 'legal', mode: 'offline', seats: 1, priority: 1 },
			{ id: 'n2', district: 'd1', topic: 'history', mode: 'any', seats: 1, priority: 1, language: 'bo' },
			{ id: 'n3', district: 'd1', topic: 'legal', mode: 'any', seats: 1, priority: 1 },
			{ id: 'n4', district: 'd1', topic: 'legal', mode: 'any', seats: 2, priority: 1 }
		],
		pinned: [],
		forbidden: []
	};
	const problemsOf = (pinned: MatchingInstance['pinned'], forbidden: MatchingInstance['forbidden'] = []) => {
		try {
			solveMatching({ ...base, pinned, forbidden });
		} catch (e) {
			if (e instanceof InfeasiblePinsError) return e;
			throw e;
		}
		throw new Error('expected InfeasiblePinsError');
	};

	it('names the pair and every failed rule', () => {
		const e = problemsOf([['n1', 'v1']]);
		expect(e.problems).toEqual([{ kind: 'ineligible', pair: ['n1', 'v1'], failures: [{ rule: 'travel', minutes: 80, limit: 60 }] }]);
		expect(e.message).toContain('(n1, v1)');
		expect(e.message).toContain('travel of 80 min exceeds');
		const many = problemsOf([['n2', 'v1']]);
		expect(many.problems[0]).toMatchObject({ kind: 'ineligible', failures: [{ rule: 'topic' }, { rule: 'language' }] });
		expect(problemsOf([['n3', 'v1']], [['n3', 'v1']]).message).toContain('the pair is forbidden');
	});

	it('reports seats, capacity and duplicates', () => {
		expect(
			problemsOf([
				['n3', 'v1'],
				['n3', 'v2']
			]).problems
		).toEqual([
			{
				kind: 'over_seats',
				demandId: 'n3',
				seats: 1,
				pinned: [
					['n3', 'v1'],
					['n3', 'v2']
				]
			}
		]);
		expect(
			problemsOf([
				['n3', 'v1'],
				['n4', 'v1']
			]).message
		).toContain('volunteer v1 has 2 pinned demands (n3, n4) but capacity 1');
		expect(
			problemsOf([
				['n4', 'v2'],
				['n4', 'v2']
			]).problems
		).toEqual([{ kind: 'duplicate', pair: ['n4', 'v2'] }]);
	});

	it('treats unknown ids in pins as bad input, and ignores them in forbidden pairs', () => {
		expect(() => solveMatching({ ...base, pinned: [['n9', 'v1']] })).toThrow(MatchingInputError);
		expect(() => solveMatching({ ...base, pinned: [['n9', 'v1']] })).toThrow('unknown demand "n9"');
		const m = new Matcher({ ...base, forbidden: [['n9', 'v1']] });
		expect(m.ignoredForbidden).toEqual([['n9', 'v1']]);
	});

	it('rejects malformed programmatic input', () => {
		expect(() => solveMatching({ ...base, districts: ['d1', 'd1'] })).toThrow('duplicate district id "d1"');
		expect(() => solveMatching({ ...base, travelMinutes: [[0]] })).toThrow('2x2 matrix');
		expect(() => solveMatching(base, { weights: { ...REFERENCE_WEIGHTS, loadStep: -1 } })).toThrow('convex');
		expect(() => solveMatching({ ...base, demands: [{ ...base.demands[0], district: 'x' }] })).toThrow('demand n1: unknown district "x"');
	});
});
