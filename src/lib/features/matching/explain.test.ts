import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InfeasiblePinsError } from './errors';
import { Matcher } from './matcher';
import { arbitraryInstance } from './testing';
import type { MatchingInstance } from './types';

const instance: MatchingInstance = {
	districts: ['city', 'village'],
	travelMinutes: [
		[0, 50],
		[50, 0]
	],
	volunteers: [
		{ id: 'near', district: 'village', topics: ['legal'], modes: ['offline'], capacity: 1, maxTravelMinutes: 30, languages: ['zh'] },
		{
			id: 'far',
			district: 'city',
			topics: ['legal', 'history'],
			modes: ['offline', 'online'],
			capacity: 2,
			maxTravelMinutes: 60,
			languages: ['zh']
		},
		{ id: 'other', district: 'city', topics: ['history'], modes: ['online'], capacity: 1, maxTravelMinutes: 0, languages: [] }
	],
	demands: [
		{ id: 'school', district: 'village', topic: 'legal', mode: 'offline', seats: 1, priority: 2 },
		{ id: 'hardship', district: 'village', topic: 'legal', mode: 'any', seats: 1, priority: 3, language: 'zh' }
	],
	pinned: [],
	forbidden: []
};

describe('explainPair', () => {
	it('breaks the score into terms and shows the load term', () => {
		const m = new Matcher(instance);
		// near -> school (150) and far -> hardship online (180) beat near -> hardship (200) and far -> school (100).
		expect(m.solve()).toEqual({
			assignments: [
				['school', 'near'],
				['hardship', 'far']
			],
			objective: 330
		});
		expect(m.explainPair('hardship', 'far')).toMatchObject({
			eligible: true,
			failures: [],
			assigned: true,
			score: { mode: 'online', priorityPoints: 200, modePenalty: 20, minutes: null, score: 180 },
			offline: { blockedBy: null, terms: { score: 150, minutes: 50 } },
			load: 1,
			capacity: 2,
			loadCost: 0,
			marginalGain: 180
		});
		expect(m.explainPair('school', 'far')).toMatchObject({
			eligible: true,
			assigned: false,
			score: { mode: 'offline', priorityPoints: 150, modePenalty: 50, minutes: 50, score: 100 },
			online: { blockedBy: 'mode' },
			load: 1,
			loadCost: 10,
			marginalGain: 90
		});
	});

	it('lists every failed rule', () => {
		const e = new Matcher({ ...instance, forbidden: [['hardship', 'other']] }).explainPair('hardship', 'other');
		expect(e.eligible).toBe(false);
		expect(e.failures.map((f) => f.rule)).toEqual(['topic', 'language', 'forbidden']);
		expect(e.score).toBeNull();
		expect(new Matcher(instance).explainPair('school', 'other').failures.map((f) => f.rule)).toEqual(['topic', 'mode']);
		expect(new Matcher(instance).explainPair('school', 'near').pinned).toBe(false);
	});
});

describe('topCandidates', () => {
	it('ranks the current choice first and prices each alternative with what it displaces', () => {
		const m = new Matcher(instance);
		expect(m.topCandidates('hardship', 5)).toEqual([
			{
				volunteerId: 'far',
				score: expect.objectContaining({ score: 180 }),
				assigned: true,
				pinned: false,
				objectiveDelta: 0,
				displaces: [],
				alsoAssigns: []
			},
			{
				volunteerId: 'near',
				score: expect.objectContaining({ score: 200 }),
				assigned: false,
				pinned: false,
				// near -> hardship (200) + far -> school (100) = 300, 30 below the optimum.
				objectiveDelta: -30,
				displaces: [
					['hardship', 'far'],
					['school', 'near']
				],
				alsoAssigns: [['school', 'far']]
			}
		]);
		expect(m.topCandidates('hardship', 1)).toHaveLength(1);
	});

	it('predicts exactly the optimum after pinning each candidate', () => {
		const instances = arbitraryInstance({ maxDemands: 6, maxVolunteers: 5, maxPins: 2, maxForbidden: 2, minCapacity: 1 });
		fc.assert(
			fc.property(instances, fc.nat(), (inst, pick) => {
				let m: Matcher;
				try {
					m = new Matcher(inst);
				} catch (e) {
					if (e instanceof InfeasiblePinsError) return;
					throw e;
				}
				const demand = inst.demands[pick % inst.demands.length].id;
				const current = new Set(m.solve().assignments.map(([d, v]) => `${d}|${v}`));
				for (const c of m.topCandidates(demand, 10)) {
					const withPin = { ...m.toInstance(), pinned: [...m.toInstance().pinned, [demand, c.volunteerId] as const] };
					let after: number | null;
					try {
						after = c.assigned && c.pinned ? m.objective : new Matcher(withPin).objective;
					} catch (e) {
						if (!(e instanceof InfeasiblePinsError)) throw e;
						after = null;
					}
					expect(c.objectiveDelta).toBe(after === null ? null : after - m.objective);
					for (const [d, v] of c.displaces) expect(current.has(`${d}|${v}`)).toBe(true);
					for (const [d, v] of c.alsoAssigns) expect(current.has(`${d}|${v}`)).toBe(false);
				}
			}),
			{ numRuns: 200 }
		);
	});
});
