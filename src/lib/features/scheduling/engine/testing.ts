// Test support: tiny random instances (fast-check) and an exhaustive optimum built only on
// the independent checker and cost. Imported by the *.test.ts files only.
import fc from 'fast-check';
import { checkPlacements, costOf } from './check';
import type { Placement, SchedulingInstance, SchedulingSession, Weekday } from './types';

const HOURS = ['08:00', '10:00', '12:00', '14:00', '16:00', '20:00', '24:00'];
const START = '2026-03-02'; // a Monday

const date = (offset: number) => new Date(Date.parse(`${START}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

export interface TinyShape {
	sessions: number;
	days: number;
}

/** Instances over a few days with hour slots, tight enough that sessions compete. */
export function arbitraryTinyInstance(shape: TinyShape): fc.Arbitrary<SchedulingInstance> {
	const interval = fc
		.record({
			weekday: fc.integer({ min: 1, max: 7 }),
			a: fc.integer({ min: 0, max: HOURS.length - 2 }),
			len: fc.integer({ min: 1, max: 3 })
		})
		.map(({ weekday, a, len }) => ({ weekday: weekday as Weekday, from: HOURS[a], to: HOURS[Math.min(HOURS.length - 1, a + len)] }));
	const range = fc
		.tuple(fc.integer({ min: 0, max: shape.days - 1 }), fc.integer({ min: 0, max: 2 }))
		.map(([a, len]) => ({ from: date(a), to: date(a + len) }));
	return fc
		.record({
			travel: fc.integer({ min: 0, max: 120 }),
			volunteers: fc.array(
				fc.record({
					maxPerWeek: fc.integer({ min: 0, max: 3 }),
					weekly: fc.array(interval, { minLength: 1, maxLength: 4 }),
					leave: fc.array(range, { maxLength: 1 })
				}),
				{ minLength: 1, maxLength: 2 }
			),
			schools: fc.array(
				fc.record({
					district: fc.integer({ min: 0, max: 1 }),
					rooms: fc.integer({ min: 0, max: 2 }),
					weekly: fc.array(interval, { minLength: 1, maxLength: 4 }),
					blackout: fc.array(range, { maxLength: 1 })
				}),
				{ minLength: 1, maxLength: 2 }
			),
			sessions: fc.array(
				fc.record({
					school: fc.nat(),
					volunteers: fc.subarray([0, 1], { minLength: 1 }),
					hours: fc.integer({ min: 1, max: 3 }),
					mode: fc.constantFrom('offline' as const, 'online' as const),
					priority: fc.integer({ min: 0, max: 3 }),
					window: fc
						.tuple(fc.integer({ min: -1, max: shape.days - 1 }), fc.integer({ min: 0, max: shape.days }))
						.map(([a, len]) => ({ from: date(a), to: date(a + len) }))
				}),
				{ minLength: 1, maxLength: shape.sessions }
			),
			series: fc.option(fc.record({ length: fc.integer({ min: 2, max: 3 }), minGapDays: fc.integer({ min: 0, max: 2 }) }), {
				nil: undefined
			}),
			previous: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: shape.days - 1 }), fc.integer({ min: 4, max: 20 })), { maxLength: 2 })
		})
		.map(({ travel, volunteers, schools, sessions, series, previous }): SchedulingInstance => {
			const vs = volunteers.map((v, i) => ({ ...v, id: `v${i}`, district: 'd0' }));
			const ss = schools.map((s, i) => ({
				id: `s${i}`,
				district: `d${s.district}`,
				rooms: s.rooms,
				weekly: s.weekly,
				blackout: s.blackout
			}));
			const xs: SchedulingSession[] = sessions.map((s, i) => ({
				id: `x${i}`,
				school: ss[s.school % ss.length].id,
				volunteers: [...new Set(s.volunteers.map((v) => vs[v % vs.length].id))],
				minutes: 60 * s.hours,
				mode: s.mode,
				priority: s.priority,
				window: s.window
			}));
			const prev = new Map(previous.map(([s, d, h]) => [xs[s % xs.length].id, `${date(d)}T${String(h).padStart(2, '0')}:00`]));
			return {
				horizon: { start: START, days: shape.days, slotMinutes: 60 },
				districts: ['d0', 'd1'],
				travelMinutes: [
					[0, travel],
					[travel, 0]
				],
				volunteers: vs,
				schools: ss,
				sessions: xs,
				series:
					series && xs.length >= series.length
						? [{ sessions: xs.slice(0, series.length).map((s) => s.id), minGapDays: series.minGapDays }]
						: [],
				fixed: [],
				previous: [...prev].map(([session, start]) => ({ session, start }))
			};
		});
}

/** Every start on the hour grid that passes the checker on its own (constraints 1-3). */
function startsAlone(instance: SchedulingInstance, session: string): string[] {
	const starts: string[] = [];
	for (let d = 0; d < instance.horizon.days; d++)
		for (let m = 0; m < 1440; m += instance.horizon.slotMinutes) {
			const start = `${date(d)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
			const own = checkPlacements({ ...instance, fixed: [] }, [{ session, start }]).filter((v) => v.rule !== 'series_incomplete');
			if (!own.length) starts.push(start);
		}
	return starts;
}

/** The optimum by enumeration: every combination of per-session starts (or none). */
export function bruteForceOptimum(instance: SchedulingInstance): { cost: number; placements: Placement[] } {
	const options = instance.sessions.map((s) => {
		const fixed = instance.fixed.find((f) => f.session === s.id);
		return fixed ? [fixed.start] : [null, ...startsAlone(instance, s.id)];
	});
	let best = { cost: Infinity, placements: [] as Placement[] };
	const chosen: Placement[] = [];
	const visit = (i: number) => {
		if (i === options.length) {
			if (checkPlacements(instance, chosen).length) return;
			const cost = costOf(instance, chosen);
			if (cost < best.cost) best = { cost, placements: [...chosen] };
			return;
		}
		for (const start of options[i]) {
			if (start) chosen.push({ session: instance.sessions[i].id, start });
			visit(i + 1);
			if (start) chosen.pop();
		}
	};
	visit(0);
	return best;
}
