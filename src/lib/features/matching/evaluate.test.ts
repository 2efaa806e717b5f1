import { describe, expect, it } from 'vitest';
import { objectiveOf, validateAssignment } from './evaluate';
import type { MatchingInstance } from './types';

const instance: MatchingInstance = {
	districts: ['d1', 'd2'],
	travelMinutes: [
		[0, 30],
		[30, 0]
	],
	volunteers: [
		{ id: 'v1', district: 'd1', topics: ['legal'], modes: ['offline'], capacity: 1, maxTravelMinutes: 60, languages: [] },
		{ id: 'v2', district: 'd1', topics: ['legal'], modes: ['online'], capacity: 3, maxTravelMinutes: 0, languages: [] }
	],
	demands: [
		{ id: 'n1', district: 'd2', topic: 'legal', mode: 'any', seats: 1, priority: 1 },
		{ id: 'n2', district: 'd1', topic: 'legal', mode: 'offline', seats: 1, priority: 3 },
		{ id: 'n3', district: 'd1', topic: 'legal', mode: 'any', seats: 2, priority: 2 }
	],
	pinned: [['n3', 'v2']],
	forbidden: [['n1', 'v2']]
};

describe('objectiveOf', () => {
	it('adds scores and subtracts each volunteer load cost', () => {
		// v1 -> n1 offline 100 - 30; v2 -> n3 online 130, v2 -> n1 online 80 (forbidden, still scored); v2's load 2 costs 10.
		expect(
			objectiveOf(instance, [
				['n1', 'v1'],
				['n3', 'v2'],
				['n1', 'v2']
			])
		).toBe(70 + 130 + 80 - 10);
		expect(objectiveOf(instance, [])).toBe(0);
	});

	it('refuses pairs without a score', () => {
		expect(() => objectiveOf(instance, [['n2', 'v2']])).toThrow('(n2, v2) is not eligible');
		expect(() => objectiveOf(instance, [['n9', 'v2']])).toThrow('unknown demand');
	});
});

describe('validateAssignment', () => {
	it('lists every broken constraint', () => {
		expect(
			validateAssignment(instance, [
				['n1', 'v1'],
				['n2', 'v1'],
				['n1', 'v2'],
				['n2', 'v2'],
				['n2', 'v2'],
				['n9', 'v7']
			])
		).toEqual([
			{ kind: 'ineligible', pair: ['n1', 'v2'], failures: [{ rule: 'forbidden' }] },
			{ kind: 'ineligible', pair: ['n2', 'v2'], failures: [{ rule: 'mode', demandMode: 'offline', volunteerModes: ['online'] }] },
			{ kind: 'duplicate', pair: ['n2', 'v2'] },
			{ kind: 'unknown_demand', pair: ['n9', 'v7'] },
			{ kind: 'unknown_volunteer', pair: ['n9', 'v7'] },
			{ kind: 'over_seats', demandId: 'n1', assigned: 2, seats: 1 },
			{ kind: 'over_seats', demandId: 'n2', assigned: 2, seats: 1 },
			{ kind: 'over_capacity', volunteerId: 'v1', assigned: 2, capacity: 1 },
			{ kind: 'missing_pin', pair: ['n3', 'v2'] }
		]);
		expect(validateAssignment(instance, [['n3', 'v2']])).toEqual([]);
	});
});
