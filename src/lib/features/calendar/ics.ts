// Phone-calendar files (RFC 5545) of sessions: times in Asia/Shanghai with its VTIMEZONE,
// one stable UID per session, SEQUENCE from the session's change counter, cancelled
// sessions kept (STATUS:CANCELLED) so phones remove them instead of keeping stale copies.
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
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

export function sessionsToIcs(sessions: readonly CalendarSession[], options: IcsOptions): string {
	const cal = ical({
		name: options.name,
		prodId: { company: 'Silverbridge', product: 'calendar', language: 'ZH' },
		ttl: FEED_REFRESH_SECONDS,
		timezone: { name: APP_TIME_ZONE, generator: getVtimezoneComponent }
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
	return cal.toString();
}
