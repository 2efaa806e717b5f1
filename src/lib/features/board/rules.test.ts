import { describe, expect, it } from 'vitest';
import type { Placement } from './doc';
import { computeConflicts, ineligibleReasons, type RuleContext, type RuleVolunteer } from './rules';
import type { BoardDemand } from './view-model';

const d = (id: string, over: Partial<BoardDemand> = {}): BoardDemand => ({
	id,
	title: id,
	kind: 'lecture',
	topic: 'legal',
	mode: 'offline',
	seats: 1,
	priority: 1,
	language: null,
	windowFrom: new Date('2027-03-01'),
	windowTo: new Date('2027-03-31'),
	sessionCount: 1,
	audienceSize: 100,
	org: { id: 's1', name: '实验小学', districtId: 'd2', rural: false },
	...over
});

const v = (id: string, over: Partial<RuleVolunteer> = {}): RuleVolunteer => ({
	id,
	name: id,
	category: 'retired_teacher',
	offersOnline: false,
	offersOffline: true,
	homeDistrictId: 'd1',
	maxTravelMinutes: 60,
	monthlyCapacity: 1,
	topics: ['legal'],
	languages: ['zh'],
	leaves: [],
	...over
});

function context(demands: BoardDemand[], volunteers: RuleVolunteer[]): RuleContext {
	return {
		round: { fromDate: new Date('2027-03-01'), toDate: new Date('2027-04-30') },
		demands: new Map(demands.map((x) => [x.id, x])),
		volunteers: new Map(volunteers.map((x) => [x.id, x])),
		travel: { d1: { d2: 40, d3: 90 }, d2: { d1: 40 } }
	};
}

let clock = 0;
const p = (demandId: string, volunteerId: string): Placement => ({
	demandId,
	volunteerId,
	byId: 'u',
	byName: 'u',
	at: ++clock,
	pinned: true
});

describe('board conflict rules', () => {
	it('finds nothing wrong with an eligible placement within capacity', () => {
		const ctx = context([d('n1')], [v('v1')]);
		expect(computeConflicts(ctx, [p('n1', 'v1')])).toEqual([]);
	});

	it('names each failed eligibility rule', () => {
		const far = d('far', { org: { id: 's3', name: '山区小学', districtId: 'd3', rural: true } });
		const ctx = context([d('n1', { topic: 'arts', language: 'bo' }), far, d('web', { mode: 'online' })], [v('v1')]);
		expect(ineligibleReasons(ctx, ctx.demands.get('n1')!, ctx.volunteers.get('v1')!)).toEqual(['topic', 'language']);
		expect(ineligibleReasons(ctx, far, ctx.volunteers.get('v1')!)).toEqual(['travel']);
		expect(ineligibleReasons(ctx, ctx.demands.get('web')!, ctx.volunteers.get('v1')!)).toEqual(['mode']);
		expect(ineligibleReasons(ctx, { ...far, mode: 'any' }, v('v2', { offersOnline: true }))).toEqual([]);
	});

	it('flags placements beyond the volunteer capacity for the round', () => {
		const ctx = context([d('n1'), d('n2'), d('n3')], [v('v1', { monthlyCapacity: 1 })]);
		const conflicts = computeConflicts(ctx, [p('n1', 'v1'), p('n2', 'v1'), p('n3', 'v1')]);
		expect(conflicts).toEqual([{ code: 'over_capacity', demandId: 'n3', volunteerId: 'v1', load: 3, capacity: 2 }]);
	});

	it('flags leave covering the whole window, not leave that leaves days free', () => {
		const ctx = context(
			[d('n1'), d('n2', { windowFrom: new Date('2027-04-01'), windowTo: new Date('2027-04-30') })],
			[v('v1', { monthlyCapacity: 5, leaves: [{ fromDate: new Date('2027-02-20'), toDate: new Date('2027-04-10') }] })]
		);
		const codes = computeConflicts(ctx, [p('n1', 'v1'), p('n2', 'v1')]).map((c) => `${c.code}:${c.demandId}`);
		expect(codes).toEqual(['on_leave:n1']);
	});

	it('flags two same-day needs for one volunteer, and over-filled needs', () => {
		const day = { windowFrom: new Date('2027-03-10'), windowTo: new Date('2027-03-10') };
		const ctx = context([d('n1', day), d('n2', day)], [v('v1', { monthlyCapacity: 5 }), v('v2')]);
		const codes = computeConflicts(ctx, [p('n1', 'v1'), p('n2', 'v1'), p('n1', 'v2')])
			.map((c) => c.code)
			.sort();
		expect(codes).toEqual(['overfilled', 'overlap']);
	});

	it('flags a need whose sessions cannot find free days beside the needs already placed', () => {
		const days = (from: string, to: string, sessionCount = 1) => ({
			windowFrom: new Date(from),
			windowTo: new Date(to),
			sessionCount,
			seats: 3
		});
		const ctx = context(
			[
				d('month1'),
				d('month2'),
				d('pair', days('2027-03-10', '2027-03-11', 2)),
				d('tenth', days('2027-03-10', '2027-03-10')),
				d('eleventh', days('2027-03-11', '2027-03-11')),
				d('twoDays', days('2027-03-10', '2027-03-11')),
				d('crammed', days('2027-03-20', '2027-03-21', 5))
			],
			[
				v('v1', { monthlyCapacity: 9 }),
				v('v2', { monthlyCapacity: 9 }),
				v('v3', { monthlyCapacity: 9, leaves: [{ fromDate: new Date('2027-03-11'), toDate: new Date('2027-03-12') }] })
			]
		);
		const clashes = (placements: Placement[]) =>
			computeConflicts(ctx, placements).map((c) => (c.code === 'overlap' ? `${c.demandId}×${c.otherDemandId}` : c.code));
		// Month-long windows leave days enough for both; so do two needs on neighbouring days.
		expect(clashes([p('month1', 'v1'), p('month2', 'v1')])).toEqual([]);
		expect(clashes([p('tenth', 'v1'), p('eleventh', 'v1'), p('twoDays', 'v2'), p('eleventh', 'v2')])).toEqual([]);
		// Two sessions on the 10th and 11th leave no day for a third need on those days.
		expect(clashes([p('pair', 'v1'), p('twoDays', 'v1'), p('month1', 'v1')])).toEqual(['twoDays×pair']);
		// Leave on the 11th–12th leaves only the 10th for two needs that both want it.
		expect(clashes([p('tenth', 'v3'), p('twoDays', 'v3')])).toEqual(['twoDays×tenth']);
		// Five sessions in a two-day window is the need's own problem, not a clash.
		expect(clashes([p('month1', 'v2'), p('crammed', 'v2')])).toEqual([]);
	});
});
