import { describe, expect, it } from 'vitest';
import { parseInstance, toInstanceDocument } from './engine';
import { buildInstance, complement, type RoundRecords } from './instance';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

function records(overrides: Partial<RoundRecords> = {}): RoundRecords {
	return {
		round: { fromDate: d('2027-03-01'), toDate: d('2027-06-30') },
		schools: [
			{
				id: 'school',
				districtId: 'dA',
				rooms: 2,
				visitingHours: [{ weekday: 4, fromMinute: 9 * 60, toMinute: 11 * 60 + 30 }],
				calendar: [
					{ kind: 'term', fromDate: d('2027-03-01'), toDate: d('2027-06-30') },
					{ kind: 'holiday', fromDate: d('2027-05-01'), toDate: d('2027-05-05') },
					{ kind: 'exam', fromDate: d('2027-04-19'), toDate: d('2027-04-23') }
				]
			}
		],
		volunteers: [
			{
				id: 'li',
				homeDistrictId: 'dB',
				monthlyCapacity: 2,
				offersOffline: true,
				availability: [{ weekday: 2, fromMinute: 510, toMinute: 720 }],
				leaves: [{ fromDate: d('2027-04-01'), toDate: d('2027-04-10') }]
			},
			{ id: 'wang', homeDistrictId: 'dA', monthlyCapacity: 0, offersOffline: false, availability: [], leaves: [] }
		],
		demands: [
			{
				id: 'lecture',
				kind: 'lecture',
				mode: 'offline',
				sessionMinutes: 45,
				priority: 2,
				windowFrom: d('2027-03-08'),
				windowTo: d('2027-03-31'),
				orgId: 'school'
			},
			{
				id: 'pair',
				kind: 'mentoring',
				mode: 'any',
				sessionMinutes: 60,
				priority: 3,
				windowFrom: d('2027-03-01'),
				windowTo: d('2027-06-30'),
				orgId: 'school'
			},
			{
				id: 'alumni',
				kind: 'alumni_visit',
				mode: 'offline',
				sessionMinutes: 90,
				priority: 1,
				windowFrom: d('2027-05-01'),
				windowTo: d('2027-07-15'),
				orgId: 'school'
			}
		],
		travel: [{ fromId: 'dA', toId: 'dB', minutes: 35 }],
		toPlace: [
			{ id: 'x1', demandId: 'lecture', seriesIndex: 0, volunteerIds: ['li'], startsAt: null },
			{ id: 'p0', demandId: 'pair', seriesIndex: 0, volunteerIds: ['wang'], startsAt: null },
			{ id: 'p2', demandId: 'pair', seriesIndex: 2, volunteerIds: ['wang'], startsAt: null },
			{ id: 'p1', demandId: 'pair', seriesIndex: 1, volunteerIds: ['wang'], startsAt: null },
			{ id: 'a0', demandId: 'alumni', seriesIndex: 0, volunteerIds: ['li'], startsAt: null }
		],
		fixed: [],
		...overrides
	};
}

describe('scheduling instance from a round', () => {
	it('is a valid silverbridge.scheduling/1 document', () => {
		const instance = buildInstance(records());
		expect(() => parseInstance(JSON.parse(JSON.stringify(toInstanceDocument(instance))))).not.toThrow();
	});

	it('turns a lecture into one session and a mentoring pair into a series six days apart, in order', () => {
		const instance = buildInstance(records());
		expect(instance.series).toEqual([{ sessions: ['p0', 'p1', 'p2'], minGapDays: 6 }]);
		expect(instance.sessions.find((s) => s.id === 'x1')).toMatchObject({
			minutes: 60,
			mode: 'offline',
			priority: 2,
			window: { from: '2027-03-08', to: '2027-03-31' }
		});
	});

	it('holds a need in mode "any" online when a volunteer does not travel', () => {
		expect(buildInstance(records()).sessions.find((s) => s.id === 'p0')?.mode).toBe('online');
	});

	it('keeps the school closed outside term and on holidays and exams, and alumni visits to its holidays', () => {
		const instance = buildInstance(records());
		expect(instance.horizon).toEqual({ start: '2027-03-01', days: 137, slotMinutes: 30 });
		const term = instance.schools.find((s) => s.id === 'school')!;
		expect(term.blackout).toEqual(
			expect.arrayContaining([
				{ from: '2027-07-01', to: '2027-07-15' },
				{ from: '2027-05-01', to: '2027-05-05' },
				{ from: '2027-04-19', to: '2027-04-23' }
			])
		);
		const alumni = instance.sessions.find((s) => s.id === 'a0')!;
		const holidaySchool = instance.schools.find((s) => s.id === alumni.school)!;
		expect(holidaySchool.blackout).toEqual(
			expect.arrayContaining([
				{ from: '2027-03-01', to: '2027-04-30' },
				{ from: '2027-05-06', to: '2027-07-15' }
			])
		);
		expect(holidaySchool.weekly).toEqual([{ weekday: 4, from: '09:00', to: '11:30' }]);
	});

	it('carries weekly availability, approved leave, a weekly cap of at least one and travel between districts', () => {
		const instance = buildInstance(records());
		expect(instance.volunteers).toEqual([
			{
				id: 'li',
				district: 'dB',
				maxPerWeek: 2,
				weekly: [{ weekday: 2, from: '08:30', to: '12:00' }],
				leave: [{ from: '2027-04-01', to: '2027-04-10' }]
			},
			{ id: 'wang', district: 'dA', maxPerWeek: 1, weekly: [], leave: [] }
		]);
		expect(instance.districts).toEqual(['dA', 'dB']);
		expect(instance.travelMinutes).toEqual([
			[0, 35],
			[1440, 0]
		]);
	});

	it('keeps other dated sessions fixed at their local start and names the published starts of a re-plan', () => {
		const instance = buildInstance(
			records({
				toPlace: [{ id: 'x1', demandId: 'lecture', seriesIndex: 0, volunteerIds: ['li'], startsAt: null }],
				fixed: [{ id: 'a0', demandId: 'alumni', seriesIndex: 0, volunteerIds: ['li'], startsAt: new Date('2027-05-06T01:00:00Z') }],
				previous: [{ sessionId: 'x1', startsAt: new Date('2027-03-09T01:00:00Z') }]
			})
		);
		expect(instance.fixed).toEqual([{ session: 'a0', start: '2027-05-06T09:00' }]);
		expect(instance.previous).toEqual([{ session: 'x1', start: '2027-03-09T09:00' }]);
	});

	it('finds the uncovered dates of a range', () => {
		expect(
			complement('2027-03-01', '2027-03-31', [
				{ from: '2027-03-05', to: '2027-03-10' },
				{ from: '2027-03-08', to: '2027-03-12' },
				{ from: '2027-03-31', to: '2027-04-02' }
			])
		).toEqual([
			{ from: '2027-03-01', to: '2027-03-04' },
			{ from: '2027-03-13', to: '2027-03-30' }
		]);
	});
});
