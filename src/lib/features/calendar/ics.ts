// Phone-calendar files (RFC 5545) of sessions: times in Asia/Shanghai with its VTIMEZONE,
// one stable UID per session, SEQUENCE from the session's change counter, cancelled
// sessions kept (STATUS:CANCELLED) so phones remove them instead of keeping stale copies.
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { APP_TIME_ZONE } from '$lib/domain/dates';
import type { CalendarSession } from './sessions';

/** How often subscribed phones should fetch again (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_REFRESH_SECONDS = 60 * 60;

export const sessionUid = (id: string) => `session-${id}@silverbridge`;

export interface IcsOptions {
	name: string;
	/** Absolute base of the app, for each event's link to its session page. */
	origin: string;
	/** Human labels; the ICS text is for people reading it on a phone. */
	describe: (s: CalendarSession) => string;
	method?: 'publish';
}

/**
 * Folds content lines at 75 octets (RFC 5545 §3.1) exactly as ical-generator does, without its
 * per-character TextEncoder, which cost about 80 % of a 1 000-event feed.
 */
export function foldLines(text: string): string {
	return text
		.split('\r\n')
		.map((line) => {
			// Printable ASCII lines of up to 74 characters never fold: the common case, returned as is.
			if (line.length < 75 && !/[^ -~]/.test(line)) return line;
			let out = '';
			let bytes = 0;
			for (let i = 0; i < line.length; i++) {
				const code = line.charCodeAt(i);
				let char = line[i];
				let size = code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
				if (code >= 0xd800 && code <= 0xdbff && i + 1 < line.length) {
					char += line[++i];
					size = 4;
				}
				bytes += size;
				if (bytes > 74) {
					out += '\r\n ';
					bytes = size;
				}
				out += char;
			}
			return out;
		})
		.join('\r\n');
}

/**
 * The calendar's text with `components` (already CRLF-terminated) before its end. The events'
 * own text is ical-generator's; only the final folding is done here (see `foldLines`).
 */
export function calendarText(cal: ICalCalendar, components = ''): string {
	const events = cal.events();
	const shell = cal.clear().toString();
	cal.events(events);
	const end = shell.lastIndexOf('END:VCALENDAR');
	return shell.slice(0, end) + foldLines(components + events.map((e) => e.toString()).join('')) + shell.slice(end);
}

const vtimezone = getVtimezoneComponent(APP_TIME_ZONE)!.replace(/\r?\n/g, '\r\n');

export function sessionsToIcs(sessions: readonly CalendarSession[], options: IcsOptions): string {
	// The zone is given per event (DTSTART;TZID=…) and its VTIMEZONE added below, not set on the
	// calendar: ical-generator writes DTSTAMP and LAST-MODIFIED of a zoned calendar as floating
	// server-local times, where RFC 5545 §3.8.7.2 wants UTC.
	const cal = ical({
		name: options.name,
		prodId: { company: 'Silverbridge', product: 'calendar', language: 'ZH' },
		ttl: FEED_REFRESH_SECONDS,
		x: [['X-WR-TIMEZONE', APP_TIME_ZONE]]
	});
	if (options.method) cal.method(ICalCalendarMethod.PUBLISH);
	for (const s of sessions) {
		cal.createEvent({
			id: sessionUid(s.id),
			sequence: s.sequence,
			start: new TZDate(s.startsAt, APP_TIME_ZONE),
			end: new TZDate(s.endsAt, APP_TIME_ZONE),
			timezone: APP_TIME_ZONE,
			summary: s.title,
			description: options.describe(s),
			location: s.mode === 'online' ? (s.onlineUrl ?? null) : (s.address ?? s.schoolName),
			url: `${options.origin}/sessions/${s.id}`,
			status:
				s.status === 'cancelled' || s.status === 'not_held'
					? ICalEventStatus.CANCELLED
					: s.status === 'planned'
						? ICalEventStatus.TENTATIVE
						: ICalEventStatus.CONFIRMED,
			stamp: new Date(s.updatedAt),
			lastModified: new Date(s.updatedAt)
		});
	}
	return calendarText(cal, vtimezone);
}
