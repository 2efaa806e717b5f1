import { describe, expect, it } from 'vitest';
import { fromWallClock } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import { slotConflictText } from './substitute-words';
import { rankSubstitutes, slotConflicts, type SubstituteCandidate } from './substitutes';

const day = (text: string) => new Date(`${text}T00:00:00.000Z`);
const demand = {
	id: 'd1',
	topic: 'history',
	mode: 'offline',
	seats: 1,
	priority: 2,
	language: null,
	windowFrom: day('2026-03-02'),
	windowTo: day('2026-04-30'),
	org: { districtId: 'north' }
};
const round = { fromDate: day('2026-03-01'), toDate: day('2026-06-30') };
// Tuesday 2026-03-10 09:00-10:30 and Tuesday 2026-03-17 09:00-10:30, Shanghai wall clock.
const at = (date: string, minute: number, minutes = 90) => ({
	startsAt: fromWallClock(date, minute),
	endsAt: fromWallClock(date, minute + minutes)
});
const slots = [at('2026-03-10', 540), at('2026-03-17', 540)];
const tuesdayMornings = [{ weekday: 2, fromMinute: 480, toMinute: 720 }];
const veteran = (id: string, extra: Partial<SubstituteCandidate> = {}): SubstituteCandidate => ({
	id,
	name: id,
	category: 'retired_teacher',
	offersOnline: false,
	offersOffline: true,
	homeDistrictId: 'north',
	maxTravelMinutes: 60,
	monthlyCapacity: 2,
	topics: ['history'],
	languages: [],
	load: 0,
	availability: tuesdayMornings,
	...extra
});
const rank = (candidates: SubstituteCandidate[]) => rankSubstitutes(demand, candidates, round, {}, { exclude: new Set(), slots });

describe('substitutes and the seat’s dates', () => {
	it('ranks those who can make every date first, whatever the score, and says why the others cannot', () => {
		// "busy" has the better score (no load) but already holds a session on 10 March at 09:30.
		const ranked = rank([
			veteran('free', { load: 1 }),
			veteran('busy', { busy: [at('2026-03-10', 570, 60)] }),
			veteran('thursdays', { availability: [{ weekday: 4, fromMinute: 480, toMinute: 720 }] }),
			veteran('away', { leaves: [{ fromDate: day('2026-03-16'), toDate: day('2026-03-20') }] })
		]);
		expect(ranked.map((s) => [s.volunteerId, s.available])).toEqual([
			['free', true],
			['away', false],
			['busy', false],
			['thursdays', false]
		]);
		const of = (id: string) => ranked.find((s) => s.volunteerId === id)!.conflicts;
		expect(of('free')).toEqual([]);
		expect(of('busy')).toEqual([
			{ kind: 'busy', startsAt: slots[0].startsAt.toISOString(), otherStartsAt: at('2026-03-10', 570).startsAt.toISOString() }
		]);
		expect(of('away')).toEqual([
			{ kind: 'leave', startsAt: slots[1].startsAt.toISOString(), leaveFrom: '2026-03-16', leaveTo: '2026-03-20' }
		]);
		expect(of('thursdays').map((c) => c.kind)).toEqual(['hours', 'hours']);
	});

	it('counts the weekly cap over the sessions already held and the seat’s own', () => {
		const capped = veteran('capped', { monthlyCapacity: 1, busy: [at('2026-03-12', 540)] });
		expect(slotConflicts(capped, slots)).toEqual([{ kind: 'weekly_cap', startsAt: slots[0].startsAt.toISOString(), sessions: 2, max: 1 }]);
		// Two seat sessions in one week against a cap of 1.
		expect(slotConflicts(veteran('one', { monthlyCapacity: 1 }), [slots[0], at('2026-03-10', 630)]).map((c) => c.kind)).toEqual([
			'weekly_cap'
		]);
	});

	it('checks nothing when the seat has no dates yet', () => {
		expect(rankSubstitutes(demand, [veteran('a', { availability: [] })], round, {}, { exclude: new Set() })[0]).toMatchObject({
			available: true,
			conflicts: []
		});
	});

	it('words each reason for a coordinator, in Chinese and English', () => {
		const [thursdays] = rank([veteran('李老师', { availability: [{ weekday: 4, fromMinute: 540, toMinute: 690 }] })]);
		const zh = slotConflictText(thursdays.conflicts[0], '李老师');
		expect(zh).toContain('李老师 每周只在 星期四 09:00–11:30 有空');
		expect(zh).toContain('09:00');
		const en = m.sub_conflict_leave({ when: 'Tue 10/03 09:00', name: 'Li', from: '16 Mar 2026', to: '20 Mar 2026' }, { locale: 'en' });
		expect(en).toBe('Tue 10/03 09:00: Li is on leave 16 Mar 2026 to 20 Mar 2026');
		const [capped] = rank([veteran('王老师', { monthlyCapacity: 1, busy: [at('2026-03-12', 540)] })]);
		expect(slotConflictText(capped.conflicts[0], '王老师')).toContain('王老师 每周最多 1 场，这一周会到 2 场');
	});
});
