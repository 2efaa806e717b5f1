import { describe, expect, it } from 'vitest';
import { solveMatching } from '$lib/features/matching/matcher';
import { instanceFromBoard } from '$lib/features/matching/board-adapter';
import { BoardMatcher, proposeFor, type BoardSource } from './board-matcher';
import type { Placement } from './doc';
import type { BoardDemand, BoardVolunteer } from './view-model';

const demand = (id: string, topic: string, district = 'd1', priority = 1): BoardDemand => ({
	id,
	title: id,
	kind: 'lecture',
	topic,
	mode: 'offline',
	seats: 1,
	priority,
	language: null,
	windowFrom: new Date('2027-03-01'),
	windowTo: new Date('2027-03-31'),
	sessionCount: 1,
	audienceSize: 50,
	org: { id: `s-${id}`, name: id, districtId: district, rural: false }
});
const volunteer = (id: string, topics: string[], monthlyCapacity = 1): BoardVolunteer => ({
	id,
	name: id,
	category: 'retired_teacher',
	offersOnline: false,
	offersOffline: true,
	homeDistrictId: 'd1',
	maxTravelMinutes: 60,
	monthlyCapacity,
	topics,
	languages: ['zh']
});

const source: BoardSource = {
	round: { fromDate: new Date('2027-03-01'), toDate: new Date('2027-03-31') },
	demands: [demand('n1', 'legal', 'd1', 3), demand('n2', 'legal', 'd2'), demand('n3', 'arts')],
	volunteers: [volunteer('v1', ['legal']), volunteer('v2', ['legal', 'arts']), volunteer('v3', ['history'])],
	travel: { d1: { d2: 30 }, d2: { d1: 30 } }
};
const pin = (d: string, v: string, pinned = true): Placement => ({ demandId: d, volunteerId: v, byId: 'u', byName: 'u', at: 1, pinned });

describe('board matcher', () => {
	it('proposes the engine optimum and keeps hand-placed cards', () => {
		const m = new BoardMatcher(source, [pin('n2', 'v1')], []);
		const { assignments } = m.proposal();
		expect(assignments).toContainEqual(['n2', 'v1']);
		expect(assignments).toContainEqual(['n1', 'v2']);
	});

	it('follows the board incrementally to the same optimum as solving afresh', () => {
		const m = new BoardMatcher(source, [], []);
		m.sync([pin('n2', 'v2')], ['n1|v1']);
		const fresh = solveMatching(
			instanceFromBoard({ ...source, pinned: [{ demandId: 'n2', volunteerId: 'v2' }], forbidden: [{ demandId: 'n1', volunteerId: 'v1' }] })
		);
		expect(m.proposal().objective).toBe(fresh.objective);
		m.sync([], []);
		expect(m.proposal().objective).toBe(solveMatching(instanceFromBoard({ ...source, pinned: [], forbidden: [] })).objective);
	});

	it('reports a hand placement the engine cannot honour, naming the rule', () => {
		const m = new BoardMatcher(source, [pin('n3', 'v3')], []);
		expect(m.rejectedPins).toMatchObject([{ kind: 'ineligible', pair: ['n3', 'v3'], failures: [{ rule: 'topic' }] }]);
		expect(m.proposal().assignments).not.toContainEqual(['n3', 'v3']);
	});

	it('ranks candidates for a need with their score terms', () => {
		const m = new BoardMatcher(source, [], []);
		const candidates = m.topCandidates('n1', 5);
		expect(candidates.map((c) => c.volunteerId).sort()).toEqual(['v1', 'v2']);
		expect(candidates[0]).toMatchObject({ assigned: true, objectiveDelta: 0 });
		expect(m.explain('n3', 'v3')).toMatchObject({ eligible: false, failures: [{ rule: 'topic' }] });
	});

	it('auto-matches a selection without moving volunteers placed elsewhere', () => {
		const { assignments } = proposeFor(source, [pin('n1', 'v2', false)], [], new Set(['n2', 'n3']));
		// v2 stays on n1 (outside the selection), so n3 (arts) has nobody and n2 gets v1.
		expect(assignments).toEqual([['n2', 'v1']]);
	});
});

describe('held-back hand placements', () => {
	it('never fills a seat already taken by an ineligible hand placement', () => {
		const m = new BoardMatcher(source, [pin('n3', 'v3')], []);
		expect(m.proposal().assignments.filter(([d]) => d === 'n3')).toEqual([]);
		// Taking the placement off frees the seat again.
		m.sync([], []);
		expect(m.proposal().assignments).toContainEqual(['n3', 'v2']);
	});

	it('holds back a second hand placement beyond the seats without losing the first', () => {
		const m = new BoardMatcher(source, [pin('n1', 'v1'), { ...pin('n1', 'v2'), at: 2 }], []);
		expect(m.proposal().assignments.filter(([d]) => d === 'n1')).toHaveLength(1);
		expect(m.rejectedPins.map((p) => p.kind)).toEqual(['over_seats']);
	});
});
