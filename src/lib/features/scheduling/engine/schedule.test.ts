import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlacements, costOf } from './check';
import { InfeasibleFixedError } from './errors';
import { schedule } from './schedule';
import { arbitraryTinyInstance, bruteForceOptimum } from './testing';
import type { SchedulingInstance, ScheduleOutcome } from './types';

/** Runs the engine and holds every result to the independent checker and the format's cost. */
function solve(instance: SchedulingInstance): ScheduleOutcome {
	const outcome = schedule(instance);
	expect(checkPlacements(instance, outcome.placements)).toEqual([]);
	expect(outcome.cost).toBe(costOf(instance, outcome.placements));
	const listed = [...outcome.placements.map((p) => p.session), ...outcome.unscheduled].sort();
	expect(listed).toEqual(instance.sessions.map((s) => s.id).sort());
	expect(Object.keys(outcome.explanations).sort()).toEqual([...outcome.unscheduled].sort());
	return outcome;
}

const base: SchedulingInstance = {
	horizon: { start: '2026-03-02', days: 14, slotMinutes: 30 },
	districts: ['d1', 'd2'],
	travelMinutes: [
		[0, 40],
		[40, 0]
	],
	volunteers: [{ id: 'v1', district: 'd1', maxPerWeek: 5, weekly: [{ weekday: 2, from: '08:00', to: '12:00' }], leave: [] }],
	schools: [
		{ id: 's1', district: 'd1', rooms: 1, weekly: [{ weekday: 2, from: '08:00', to: '12:00' }], blackout: [] },
		{ id: 's2', district: 'd2', rooms: 1, weekly: [{ weekday: 2, from: '08:00', to: '12:00' }], blackout: [] }
	],
	sessions: [],
	series: [],
	fixed: [],
	previous: []
};
const session = (id: string, extra: Partial<SchedulingInstance['sessions'][number]> = {}) => ({
	id,
	school: 's1',
	volunteers: ['v1'],
	minutes: 60,
	mode: 'offline' as const,
	priority: 1,
	window: { from: '2026-03-02', to: '2026-03-15' },
	...extra
});
const startOf = (o: ScheduleOutcome, id: string) => o.placements.find((p) => p.session === id)?.start;

describe('schedule', () => {
	it('finds the exhaustive optimum on tiny instances, and every result passes the checker', () => {
		fc.assert(
			fc.property(arbitraryTinyInstance({ sessions: 3, days: 4 }), (instance) => {
				expect(solve(instance).cost).toBe(bruteForceOptimum(instance).cost);
			}),
			{ numRuns: 150, seed: 7 }
		);
	});

	it('is deterministic', () => {
		fc.assert(
			fc.property(arbitraryTinyInstance({ sessions: 4, days: 7 }), (instance) => {
				const { elapsedMs: _a, ...first } = solve(instance);
				const { elapsedMs: _b, ...second } = schedule(instance);
				expect(second).toEqual(first);
			}),
			{ numRuns: 40, seed: 3 }
		);
	});

	it('lets a session end at 24:00 and puts back-to-back sessions in one room (half-open intervals)', () => {
		const late = {
			...base,
			volunteers: [{ ...base.volunteers[0], weekly: [{ weekday: 2 as const, from: '22:00', to: '24:00' }] }],
			schools: [{ ...base.schools[0], weekly: [{ weekday: 2 as const, from: '22:00', to: '24:00' }] }],
			sessions: [session('a'), session('b')],
			horizon: { ...base.horizon, days: 2 }
		};
		const o = solve(late);
		expect([startOf(o, 'a'), startOf(o, 'b')].sort()).toEqual(['2026-03-03T22:00', '2026-03-03T23:00']);
	});

	it('does not let a session span two adjacent weekly intervals', () => {
		const split = {
			...base,
			horizon: { ...base.horizon, days: 7 },
			volunteers: [
				{
					...base.volunteers[0],
					weekly: [
						{ weekday: 2 as const, from: '08:00', to: '09:00' },
						{ weekday: 2 as const, from: '09:00', to: '10:00' }
					]
				}
			],
			sessions: [session('a', { minutes: 120 })]
		};
		const o = solve(split);
		expect(o.unscheduled).toEqual(['a']);
		expect(o.explanations.a.days.find((d) => d.date === '2026-03-03')!.blockers).toEqual([
			{ code: 'volunteer_hours', volunteer: 'v1', weekday: 2, weekly: split.volunteers[0].weekly }
		]);
	});

	it('needs travel between offline sessions only, but rooms, hours and blackouts for online ones too', () => {
		const three = {
			...base,
			horizon: { ...base.horizon, days: 7 },
			volunteers: [{ ...base.volunteers[0], weekly: [{ weekday: 2 as const, from: '08:00', to: '10:00' }] }],
			sessions: [
				session('a', { window: { from: '2026-03-03', to: '2026-03-03' } }),
				session('b', { school: 's2', window: { from: '2026-03-03', to: '2026-03-03' } })
			]
		};
		// Offline in two districts 40 minutes apart: only one fits in two hours.
		expect(solve(three).unscheduled).toHaveLength(1);
		const online = { ...three, sessions: [three.sessions[0], { ...three.sessions[1], mode: 'online' as const }] };
		expect(solve(online).unscheduled).toEqual([]);
		const closed = { ...online, schools: [base.schools[0], { ...base.schools[1], blackout: [{ from: '2026-03-03', to: '2026-03-03' }] }] };
		expect(solve(closed).unscheduled).toEqual(['b']);
		const noRoom = { ...online, schools: [base.schools[0], { ...base.schools[1], rooms: 0 }] };
		expect(solve(noRoom).unscheduled).toEqual(['b']);
	});

	it('counts the weekly cap in calendar weeks, including a partial first week', () => {
		// The horizon starts on a Sunday: that Sunday is a week of its own.
		const sunday = {
			...base,
			horizon: { start: '2026-03-01', days: 2, slotMinutes: 30 },
			volunteers: [
				{
					...base.volunteers[0],
					maxPerWeek: 1,
					weekly: [1, 7].map((weekday) => ({ weekday: weekday as 1 | 7, from: '08:00', to: '12:00' }))
				}
			],
			schools: [
				{ ...base.schools[0], rooms: 2, weekly: [1, 7].map((weekday) => ({ weekday: weekday as 1 | 7, from: '08:00', to: '12:00' })) }
			],
			sessions: [
				session('a', { window: { from: '2026-03-01', to: '2026-03-02' } }),
				session('b', { window: { from: '2026-03-01', to: '2026-03-02' } })
			]
		};
		const o = solve(sunday);
		expect(o.unscheduled).toEqual([]);
		expect([startOf(o, 'a')!.slice(0, 10), startOf(o, 'b')!.slice(0, 10)].sort()).toEqual(['2026-03-01', '2026-03-02']);
	});

	it('spaces a series by max(1, minGapDays) and places it whole or not at all', () => {
		const daily = {
			...base,
			horizon: { ...base.horizon, days: 3 },
			volunteers: [
				{ ...base.volunteers[0], weekly: [1, 2, 3].map((weekday) => ({ weekday: weekday as 1 | 2 | 3, from: '08:00', to: '12:00' })) }
			],
			schools: [
				{ ...base.schools[0], weekly: [1, 2, 3].map((weekday) => ({ weekday: weekday as 1 | 2 | 3, from: '08:00', to: '12:00' })) }
			],
			sessions: [session('a'), session('b')],
			series: [{ sessions: ['a', 'b'], minGapDays: 0 }]
		};
		const o = solve(daily);
		expect([startOf(o, 'a'), startOf(o, 'b')]).toEqual(['2026-03-02T08:00', '2026-03-03T08:00']);
		const tooFar = solve({ ...daily, series: [{ sessions: ['a', 'b'], minGapDays: 3 }] });
		expect(tooFar.unscheduled).toEqual(['a', 'b']);
		expect(tooFar.explanations.a.days[0].blockers).toEqual([{ code: 'series_incomplete', series: ['a', 'b'] }]);
	});

	it('completes the series of a fixed session, and refuses when it cannot', () => {
		const daily = {
			...base,
			horizon: { ...base.horizon, days: 3 },
			volunteers: [
				{ ...base.volunteers[0], weekly: [1, 2, 3].map((weekday) => ({ weekday: weekday as 1 | 2 | 3, from: '08:00', to: '12:00' })) }
			],
			schools: [
				{ ...base.schools[0], weekly: [1, 2, 3].map((weekday) => ({ weekday: weekday as 1 | 2 | 3, from: '08:00', to: '12:00' })) }
			],
			sessions: [session('a', { priority: 0 }), session('b', { priority: 0 })],
			series: [{ sessions: ['a', 'b'], minGapDays: 1 }],
			fixed: [{ session: 'b', start: '2026-03-04T09:00' }]
		};
		const o = solve(daily);
		expect(startOf(o, 'b')).toBe('2026-03-04T09:00');
		expect(startOf(o, 'a')!.slice(0, 10) < '2026-03-04').toBe(true);
		const early = { ...daily, fixed: [{ session: 'b', start: '2026-03-02T09:00' }] };
		expect(() => schedule(early)).toThrow(InfeasibleFixedError);
		expect(() => schedule(early)).toThrow(/infeasible fixed sessions b/);
	});

	it('names every fixed session of an infeasible fixed set', () => {
		const clash = {
			...base,
			sessions: [session('a'), session('b'), session('c')],
			fixed: [
				{ session: 'a', start: '2026-03-03T09:00' },
				{ session: 'b', start: '2026-03-03T09:30' },
				{ session: 'c', start: '2026-03-10T09:15' }
			]
		};
		try {
			schedule(clash);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(InfeasibleFixedError);
			expect((e as InfeasibleFixedError).sessions).toEqual(['a', 'b', 'c']);
			expect((e as InfeasibleFixedError).violations.map((v) => v.rule).sort()).toEqual(['overlap', 'rooms', 'slot']);
		}
	});

	it('keeps published starts and moves as little as possible on a re-plan', () => {
		const week = {
			...base,
			sessions: [session('a'), session('b'), session('c')],
			volunteers: [...base.volunteers, { ...base.volunteers[0], id: 'v2' }],
			previous: [
				{ session: 'a', start: '2026-03-10T08:00' },
				{ session: 'b', start: '2026-03-03T10:00' },
				{ session: 'c', start: '2026-03-03T11:00' }
			]
		};
		const o = solve(week);
		// Moving a to an earlier day would save 7 days but costs 200.
		expect(o.placements).toEqual(week.previous);
		expect(o.cost).toBe(8 + 1 + 1);
		// v1 declines b; v2 takes it: b keeps its start.
		const declined = { ...week, sessions: week.sessions.map((s) => (s.id === 'b' ? { ...s, volunteers: ['v2'] } : s)) };
		expect(solve(declined).placements).toEqual(week.previous);
	});

	it('charges 200 for a previous start that differs from the fixed one', () => {
		const moved = {
			...base,
			sessions: [session('a')],
			fixed: [{ session: 'a', start: '2026-03-03T09:00' }],
			previous: [{ session: 'a', start: '2026-03-03T08:00' }]
		};
		expect(solve(moved).cost).toBe(1 + 200);
	});

	it('explains a left-out session day by day', () => {
		const busy = {
			...base,
			horizon: { ...base.horizon, days: 7 },
			volunteers: [{ ...base.volunteers[0], leave: [{ from: '2026-03-05', to: '2026-03-06' }] }],
			sessions: [session('a', { minutes: 240, priority: 3 }), session('b', { minutes: 60, priority: 1 })]
		};
		const o = solve(busy);
		expect(o.unscheduled).toEqual(['b']);
		const days = Object.fromEntries(o.explanations.b.days.map((d) => [d.date, d.blockers]));
		expect(days['2026-03-03']).toEqual([{ code: 'volunteer_busy', volunteer: 'v1', sessions: ['a'] }]);
		expect(days['2026-03-05']).toContainEqual({
			code: 'volunteer_leave',
			volunteer: 'v1',
			leave: { from: '2026-03-05', to: '2026-03-06' }
		});
		expect(days['2026-03-02']).toContainEqual({ code: 'school_hours', school: 's1', weekday: 1, weekly: base.schools[0].weekly });
	});
});
