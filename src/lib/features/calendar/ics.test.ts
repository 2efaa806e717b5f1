// The feed's own line folding must give exactly ical-generator's text, long Chinese lines and
// characters outside the BMP included; and stamps are UTC as RFC 5545 wants.
import ical from 'ical-generator';
import { describe, expect, it } from 'vitest';
import { calendarText, foldLines, sessionsToIcs } from './ics';
import type { CalendarSession } from './sessions';

const session: CalendarSession = {
	id: 's1',
	title: '法治教育进课堂：'.repeat(12) + '😀 and some ASCII to pass the seventy-five octet limit of a content line',
	kind: 'lecture',
	topic: 'legal',
	status: 'cancelled',
	startsAt: '2027-03-10T01:00:00.000Z',
	endsAt: '2027-03-10T02:30:00.000Z',
	mode: 'offline',
	schoolId: 'o1',
	schoolName: '东湖实验小学',
	districtId: null,
	address: '江州市东湖区湖滨路 8 号',
	room: null,
	onlineUrl: null,
	seriesNumber: 1,
	seriesCount: 1,
	sequence: 3,
	roundId: 'r1',
	cancelReason: null,
	volunteers: [],
	updatedAt: '2027-03-01T08:30:00.000Z'
};

describe('ICS text', () => {
	it('folds exactly like ical-generator', () => {
		const cal = ical({ name: '测试 · '.repeat(20) });
		for (let i = 0; i < 3; i++)
			cal.createEvent({
				id: `e${i}`,
				start: new Date('2027-03-10T01:00:00Z'),
				summary: session.title.slice(i),
				description: '🙂'.repeat(40 + i) + 'a'.repeat(i)
			});
		expect(calendarText(cal)).toBe(cal.toString());
		expect(foldLines('a'.repeat(74))).toBe('a'.repeat(74));
		expect(foldLines('a'.repeat(75))).toBe(`${'a'.repeat(74)}\r\n a`);
	});

	it('writes DTSTAMP and LAST-MODIFIED in UTC, DTSTART in the Shanghai zone, and the VTIMEZONE after the calendar properties', () => {
		const text = sessionsToIcs([session], { name: 'x', origin: 'http://127.0.0.1', describe: () => '说明' });
		expect(text).toContain('DTSTAMP:20270301T083000Z\r\n');
		expect(text).toContain('LAST-MODIFIED:20270301T083000Z\r\n');
		expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20270310T090000\r\n');
		expect(text).toContain('STATUS:CANCELLED\r\n');
		expect(text.indexOf('X-PUBLISHED-TTL:PT1H')).toBeLessThan(text.indexOf('BEGIN:VTIMEZONE'));
		expect(text.indexOf('X-WR-TIMEZONE:Asia/Shanghai')).toBeLessThan(text.indexOf('BEGIN:VTIMEZONE'));
		expect(text.indexOf('END:VTIMEZONE')).toBeLessThan(text.indexOf('BEGIN:VEVENT'));
		expect(text.endsWith('END:VEVENT\r\nEND:VCALENDAR')).toBe(true);
		expect(text.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
	});
});
