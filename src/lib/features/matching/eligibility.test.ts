import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessPair, loadCost, marginalLoadCost, pairScore, REFERENCE_WEIGHTS } from './eligibility';
import type { MatchingDemand, MatchingVolunteer } from './types';

const volunteer: MatchingVolunteer = {
	id: 'v001',
	district: 'd01',
	topics: ['legal', 'history'],
	modes: ['offline', 'online'],
	capacity: 3,
	maxTravelMinutes: 60,
	languages: ['zh']
};
const demand: MatchingDemand = { id: 'n001', district: 'd02', topic: 'legal', mode: 'offline', seats: 1, priority: 2, language: 'zh' };

describe('pair score (the reference objective)', () => {
	it('scores the offline option P(priority) - minutes and the online option P(priority) - 20, taking the best open one', () => {
		expect(pairScore(demand, volunteer, 35)).toBe(115);
		expect(pairScore({ ...demand, mode: 'any' }, volunteer, 35)).toBe(130);
		expect(pairScore({ ...demand, mode: 'any' }, volunteer, 10)).toBe(140);
		expect(pairScore({ ...demand, mode: 'online', priority: 3 }, volunteer, 500)).toBe(180);
		expect(pairScore({ ...demand, priority: 1 }, volunteer, 60)).toBe(40);
		expect(REFERENCE_WEIGHTS.priorityPoints).toEqual({ 1: 100, 2: 150, 3: 200 });
	});

	it('fails each rule on its own', () => {
		expect(pairScore({ ...demand, topic: 'reading' }, volunteer, 0)).toBeNull();
		expect(pairScore({ ...demand, language: 'bo' }, volunteer, 0)).toBeNull();
		expect(pairScore({ ...demand, language: null }, { ...volunteer, languages: [] }, 0)).toBe(150);
		expect(pairScore(demand, volunteer, 61)).toBeNull();
		expect(pairScore(demand, volunteer, null)).toBeNull();
		expect(pairScore(demand, { ...volunteer, modes: ['online'] }, 0)).toBeNull();
	});

	it('loads cost 10 * (k - 1) for the k-th demand', () => {
		expect([1, 2, 3, 4].map((k) => marginalLoadCost(k))).toEqual([0, 10, 20, 30]);
		expect([0, 1, 2, 3, 4].map((k) => loadCost(k))).toEqual([0, 0, 10, 30, 60]);
	});
});

describe('assessPair', () => {
	it('names every failed rule with its values', () => {
		const a = assessPair({ ...demand, topic: 'reading', language: 'bo' }, { ...volunteer, modes: ['offline'] }, 80, true);
		expect(a.eligible).toBe(false);
		expect(a.failures).toEqual([
			{ rule: 'topic', topic: 'reading', offered: ['legal', 'history'] },
			{ rule: 'language', language: 'bo', spoken: ['zh'] },
			{ rule: 'forbidden' },
			{ rule: 'travel', minutes: 80, limit: 60 }
		]);
		expect(a.best).toBeNull();
		expect(a.offline).toEqual({ mode: 'offline', blockedBy: 'travel', terms: expect.objectContaining({ score: 70 }) });
	});

	it('says "mode" when no mode fits, and keeps the score of a forbidden pair', () => {
		const a = assessPair({ ...demand, mode: 'online' }, { ...volunteer, modes: ['offline'] }, 0);
		expect(a.failures).toEqual([{ rule: 'mode', demandMode: 'online', volunteerModes: ['offline'] }]);
		const f = assessPair(demand, volunteer, 35, true);
		expect(f.failures).toEqual([{ rule: 'forbidden' }]);
		expect(f.best?.score).toBe(115);
	});

	it('agrees with the fast pairScore everywhere', () => {
		const arb = fc.record({
			topic: fc.constantFrom('legal', 'reading'),
			language: fc.constantFrom(undefined, null, 'zh', 'bo'),
			mode: fc.constantFrom('offline' as const, 'online' as const, 'any' as const),
			priority: fc.constantFrom(1 as const, 2 as const, 3 as const),
			modes: fc.constantFrom(['offline' as const], ['online' as const], ['offline' as const, 'online' as const]),
			max: fc.integer({ min: 0, max: 120 }),
			minutes: fc.option(fc.integer({ min: 0, max: 120 }))
		});
		fc.assert(
			fc.property(arb, ({ topic, language, mode, priority, modes, max, minutes }) => {
				const d = { ...demand, topic, language, mode, priority };
				const v = { ...volunteer, modes, maxTravelMinutes: max };
				const a = assessPair(d, v, minutes);
				expect(a.best?.score ?? null).toBe(pairScore(d, v, minutes));
				expect(a.eligible).toBe(a.best !== null);
				if (a.best) expect(a.best.score).toBe(a.best.priorityPoints - a.best.modePenalty);
			})
		);
	});
});
