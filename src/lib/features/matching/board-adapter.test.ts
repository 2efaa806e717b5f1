import { describe, expect, it } from 'vitest';
import { dayToDate } from '$lib/domain/dates';
import { instanceFromBoard, UNKNOWN_DISTRICT, type BoardMatchingInput } from './board-adapter';
import { Matcher } from './matcher';

const day = dayToDate;

const input: BoardMatchingInput = {
	round: { fromDate: day('2025-03-01'), toDate: day('2025-04-30') },
	demands: [
		{
			id: 'n1',
			topic: 'legal',
			mode: 'offline',
			seats: 1,
			priority: 2,
			language: null,
			windowFrom: day('2025-03-10'),
			windowTo: day('2025-03-10'),
			org: { districtId: 'east' }
		},
		{
			id: 'n2',
			topic: 'legal',
			mode: 'any',
			seats: 1,
			priority: 3,
			language: null,
			windowFrom: day('2025-04-01'),
			windowTo: day('2025-04-20'),
			org: { districtId: null }
		}
	],
	volunteers: [
		{
			id: 'v1',
			offersOnline: true,
			offersOffline: true,
			homeDistrictId: 'west',
			maxTravelMinutes: 60,
			monthlyCapacity: 1,
			topics: ['legal'],
			languages: ['zh'],
			leaves: [{ fromDate: day('2025-03-05'), toDate: day('2025-03-15') }]
		},
		{
			id: 'v2',
			offersOnline: false,
			offersOffline: true,
			homeDistrictId: 'east',
			maxTravelMinutes: 30,
			monthlyCapacity: 2,
			topics: ['legal'],
			languages: []
		}
	],
	travel: { west: { east: 40 }, east: { west: 45 } },
	pinned: [],
	forbidden: [{ demandId: 'n2', volunteerId: 'v2' }]
};

describe('instanceFromBoard', () => {
	it('maps districts, modes, round capacity, travel and leave', () => {
		const instance = instanceFromBoard(input);
		expect(instance.districts).toEqual(['west', 'east', UNKNOWN_DISTRICT]);
		expect(instance.travelMinutes).toEqual([
			[0, 40, null],
			[45, 0, null],
			[null, null, null]
		]);
		expect(instance.volunteers.map((v) => [v.modes, v.capacity])).toEqual([
			[['offline', 'online'], 2],
			[['offline'], 4]
		]);
		// v1 is on leave for all of n1's day.
		expect(instance.forbidden).toEqual([
			['n2', 'v2'],
			['n1', 'v1']
		]);
		// n1 goes to v2 in its own district; n2 has no district, so only v1 online can serve it.
		expect(new Matcher(instance).solve()).toEqual({
			assignments: [
				['n1', 'v2'],
				['n2', 'v1']
			],
			objective: 150 + 180
		});
	});

	it('keeps a pin over leave, and rejects unknown modes', () => {
		const pinned = instanceFromBoard({ ...input, pinned: [{ demandId: 'n1', volunteerId: 'v1' }] });
		expect(pinned.forbidden).toEqual([['n2', 'v2']]);
		expect(() => instanceFromBoard({ ...input, demands: [{ ...input.demands[0], mode: 'boat' }] })).toThrow(
			'demand n1: unknown mode "boat"'
		);
	});
});
