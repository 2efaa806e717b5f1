import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfeasiblePinsError } from './errors';
import { validateAssignment } from './evaluate';
import { Matcher, solveMatching } from './matcher';
import { arbitraryInstance, bruteForceOptimum } from './testing';
import type { MatchingInstance } from './types';

type Op = { kind: 'pin' | 'unpin' | 'forbid' | 'allow'; d: number; v: number };
const op = fc.record({
	kind: fc.constantFrom('pin' as const, 'unpin' as const, 'forbid' as const, 'allow' as const),
	d: fc.nat(),
	v: fc.nat()
});

/** A matcher for the instance, or null when its own pins are infeasible. */
function matcherFor(instance: MatchingInstance): Matcher | null {
	try {
		return new Matcher(instance);
	} catch (e) {
		if (e instanceof InfeasiblePinsError) return null;
		throw e;
	}
}

function apply(m: Matcher, instance: MatchingInstance, { kind, d, v }: Op): boolean {
	const demandId = instance.demands[d % instance.demands.length].id;
	const volunteerId = instance.volunteers[v % instance.volunteers.length].id;
	try {
		m[kind](demandId, volunteerId);
		return true;
	} catch (e) {
		if (e instanceof InfeasiblePinsError) return false;
		throw e;
	}
}

describe('incremental re-solve', () => {
	it('matches a solve from scratch after every pin, unpin, forbid and allow', () => {
		const instances = arbitraryInstance({ maxDemands: 8, maxVolunteers: 6, maxPins: 2, maxForbidden: 2 });
		fc.assert(
			fc.property(instances, fc.array(op, { minLength: 1, maxLength: 12 }), (instance, ops) => {
				const m = matcherFor(instance);
				if (!m) return;
				for (const o of ops) {
					const before = m.toInstance();
					const objectiveBefore = m.objective;
					const applied = apply(m, instance, o);
					const now = m.toInstance();
					if (!applied) {
						// A refused edit changes nothing.
						expect(now).toEqual(before);
						expect(m.objective).toBe(objectiveBefore);
					}
					const solution = m.solve();
					expect(solution.objective).toBe(solveMatching(now).objective);
					expect(validateAssignment(now, solution.assignments)).toEqual([]);
				}
			}),
			{ numRuns: 250 }
		);
	});

	it('stays exactly optimal on tiny instances (checked exhaustively)', () => {
		const instances = arbitraryInstance({ maxDemands: 4, maxVolunteers: 4, maxPins: 1, maxForbidden: 1 });
		fc.assert(
			fc.property(instances, fc.array(op, { minLength: 1, maxLength: 6 }), (instance, ops) => {
				const m = matcherFor(instance);
				if (!m) return;
				for (const o of ops) {
					apply(m, instance, o);
					expect(m.objective).toBe(bruteForceOptimum(m.toInstance())!.objective);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('refuses to forbid a pinned pair, and keeps pins through other edits', () => {
		const instance: MatchingInstance = {
			districts: ['d'],
			travelMinutes: [[0]],
			volunteers: ['v1', 'v2'].map((id) => ({
				id,
				district: 'd',
				topics: ['t'],
				modes: ['offline' as const],
				capacity: 1,
				maxTravelMinutes: 30,
				languages: []
			})),
			demands: [
				{ id: 'low', district: 'd', topic: 't', mode: 'offline', seats: 1, priority: 1 },
				{ id: 'high', district: 'd', topic: 't', mode: 'offline', seats: 1, priority: 3 }
			],
			pinned: [],
			forbidden: []
		};
		const m = new Matcher(instance);
		expect(m.objective).toBe(300);
		m.pin('low', 'v1');
		expect(() => m.forbid('low', 'v1')).toThrow('pinned pair (low, v1) is not eligible: the pair is forbidden');
		m.forbid('high', 'v2');
		// v1 is held by its pin, v2 may not serve "high": "high" stays empty.
		expect(m.solve()).toEqual({ assignments: [['low', 'v1']], objective: 100 });
		m.allow('high', 'v2');
		expect(m.solve().objective).toBe(300);
		m.unpin('low', 'v1');
		expect(m.solve().objective).toBe(300);
		expect(() => m.pin('high', 'v3')).toThrow('unknown volunteer "v3"');
	});
});
