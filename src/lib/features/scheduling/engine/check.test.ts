import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlacements, costOf } from './check';
import { arbitraryTinyInstance } from './testing';
import type { SchedulingInstance } from './types';

const hours = [{ weekday: 2 as const, from: '08:00', to: '12:00' }];
const instance: SchedulingInstance = {
	horizon: { start: '2026-03-02', days: 14, slotMinutes: 30 },
	districts: ['d1', 'd2'],
	travelMinutes: [
		[0, 40],
		[40, 0]
	],
	volunteers: [{ id: 'v1', district: 'd1', maxPerWeek: 2, weekly: hours, leave: [{ from: '2026-03-10', to: '2026-03-10' }] }],
	schools: [
		{ id: 's1', district: 'd1', rooms: 1, weekly: hours, blackout: [] },
		{ id: 's2', district: 'd2', rooms: 1, weekly: hours, blackout: [] }
	],
	sessions: ['a', 'b', 'c', 'd'].map((id, i) => ({
		id,
		school: i === 1 ? 's2' : 's1',
		volunteers: i === 3 ? [] : ['v1'],
		minutes: 60,
		mode: 'offline' as const,
		priority: 1,
		window: { from: '2026-03-02', to: '2026-03-15' }
	})),
	series: [{ sessions: ['a', 'c'], minGapDays: 7 }],
	fixed: [{ session: 'd', start: '2026-03-03T11:00' }],
	previous: [{ session: 'a', start: '2026-03-03T08:00' }]
};
const rules = (placements: { session: string; start: string }[]) =>
	checkPlacements(instance, placements).map((v) => [v.constraint, v.rule, v.sessions.join()]);

describe('checkPlacements', () => {
	it('accepts a valid timetable and prices it by the format', () => {
		const ok = [
			{ session: 'b', start: '2026-03-03T08:00' },
			{ session: 'd', start: '2026-03-03T11:00' }
		];
		expect(rules(ok)).toEqual([]);
		// a and c left out (2000), the published a dropped (200), b and d one day after their window opens.
		expect(costOf(instance, ok)).toBe(2000 + 200 + 1 + 1);
		// a series placed in part.
		expect(rules([...ok, { session: 'a', start: '2026-03-03T10:00' }])).toEqual([[7, 'series_incomplete', 'a,c']]);
	});

	it('names the constraint, the sessions and the reason of each violation', () => {
		expect(
			rules([
				{ session: 'a', start: '2026-03-03T08:15' },
				{ session: 'c', start: '2026-03-10T08:00' },
				{ session: 'd', start: '2026-03-03T11:00' }
			])
		).toEqual([
			[1, 'slot', 'a'],
			[2, 'volunteer_leave', 'c']
		]);
		expect(
			rules([
				{ session: 'b', start: '2026-03-03T08:00' },
				{ session: 'd', start: '2026-03-03T11:00' },
				{ session: 'x', start: '2026-03-03T08:00' }
			])
		).toEqual([[0, 'listing', 'x']]);
		// b (district d2) ends 09:00; a (d1) at 09:30 leaves 30 of the 40 minutes of travel.
		expect(
			rules([
				{ session: 'b', start: '2026-03-03T08:00' },
				{ session: 'a', start: '2026-03-03T09:30' },
				{ session: 'c', start: '2026-03-05T08:00' },
				{ session: 'd', start: '2026-03-03T11:00' }
			])
		).toEqual([
			[2, 'volunteer_hours', 'c'],
			[3, 'school_hours', 'c'],
			[4, 'travel', 'a,b'],
			[6, 'weekly_cap', 'a,b,c'],
			[7, 'series_order', 'a,c']
		]);
		expect(
			rules([
				{ session: 'a', start: '2026-03-03T10:30' },
				{ session: 'c', start: '2026-03-17T08:00' }
			])
		).toEqual([
			[1, 'horizon', 'c'],
			[1, 'window', 'c'],
			[8, 'fixed', 'd']
		]);
		expect(
			rules([
				{ session: 'a', start: '2026-03-03T10:30' },
				{ session: 'd', start: '2026-03-03T11:00' }
			]).slice(0, 2)
		).toEqual([
			[5, 'rooms', 'a,d'],
			[7, 'series_incomplete', 'a,c']
		]);
	});
});

describe('checkPlacements touching a few sessions', () => {
	it('reports exactly the violations involving those sessions, and every broken fixed start', () => {
		fc.assert(
			fc.property(
				arbitraryTinyInstance({ sessions: 4, days: 4 }).chain((inst) =>
					fc.tuple(
						fc.constant(inst),
						// Any start, valid or not, for any subset of the sessions, and any subset touching.
						fc.array(
							fc.tuple(fc.constantFrom(...inst.sessions.map((s) => s.id)), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 14, max: 36 }))
						),
						fc.subarray(inst.sessions.map((s) => s.id))
					)
				),
				([inst, raw, some]) => {
					const seen = new Set<string>();
					const placements = raw
						.filter(([id]) => !seen.has(id) && seen.add(id))
						.map(([id, day, half]) => ({
							session: id,
							start: `2026-03-0${2 + day}T${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`
						}));
					const touching = new Set(some);
					const full = checkPlacements(inst, placements).filter((v) => v.rule === 'fixed' || v.sessions.some((id) => touching.has(id)));
					expect(checkPlacements(inst, placements, { touching })).toEqual(full);
				}
			),
			{ numRuns: 300, seed: 11 }
		);
	});
});
