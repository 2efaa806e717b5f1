import { describe, expect, it } from 'vitest';
import { sessionSteps } from './steps';

const at = (iso: string) => new Date(iso);
const session = (status: string, endsAt = '2027-03-10T02:30:00Z') => ({ id: 's1', roundId: 'r1', status, endsAt });
const before = at('2027-03-09T00:00:00Z');
const after = at('2027-03-11T00:00:00Z');
const kinds = (...args: Parameters<typeof sessionSteps>) => sessionSteps(...args).map((s) => s.kind);

describe('what a session page offers next', () => {
	it('asks the seated veteran to answer before the session, and to record it after', () => {
		const veteran = { seated: true, hosts: false, coordinates: false };
		expect(kinds(veteran, session('planned'), before)).toEqual(['answer', 'ics']);
		expect(kinds(veteran, session('accepted'), before)).toEqual(['my_sessions', 'ics']);
		expect(sessionSteps(veteran, session('accepted'), after)[0]).toEqual({ kind: 'record', href: '/me/sessions/s1/record' });
	});

	it('lets the school confirm before and evaluate after; a cancelled session offers no phone-calendar file', () => {
		const school = { seated: false, hosts: true, coordinates: false };
		expect(kinds(school, session('accepted'), before)).toEqual(['confirm', 'ics']);
		expect(kinds(school, session('confirmed'), after)).toEqual(['evaluate', 'ics']);
		expect(kinds(school, session('cancelled'), before)).toEqual([]);
	});

	it('sends a coordinator to the round timetable, and to the record once it is over', () => {
		const coordinator = { seated: false, hosts: false, coordinates: true };
		expect(sessionSteps(coordinator, session('planned'), before)[0]).toEqual({ kind: 'timetable', href: '/rounds/r1' });
		expect(kinds(coordinator, session('held'), after)).toEqual(['timetable', 'record', 'ics']);
	});

	it('gives a leader who only watches just the phone-calendar file', () => {
		expect(kinds({ seated: false, hosts: false, coordinates: false }, session('accepted'), before)).toEqual(['ics']);
	});
});
