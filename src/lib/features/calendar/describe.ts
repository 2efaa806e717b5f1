// The text of a session for places without the app around it (ICS descriptions, email).
import { m } from '$lib/paraglide/messages';
import type { CalendarSession } from './sessions';

type Locale = 'zh' | 'en';
type Messages = Record<string, ((inputs?: object, options?: { locale?: Locale }) => string) | undefined>;

export function sessionStatusLabel(status: string, locale?: Locale): string {
	return (m as unknown as Messages)[`calendar_status_${status}`]?.({}, locale ? { locale } : undefined) ?? status;
}

export function describeSession(s: CalendarSession, locale: Locale): string {
	const o = { locale };
	return [
		m.calendar_ics_school({ school: s.schoolName }, o),
		s.room ? m.calendar_detail_room({ room: s.room }, o) : null,
		m.calendar_ics_volunteers({ names: s.volunteers.map((v) => v.name).join('、') || m.calendar_detail_nobody({}, o) }, o),
		m.calendar_ics_status({ status: sessionStatusLabel(s.status, locale) }, o),
		s.seriesCount > 1 ? m.calendar_ics_series({ number: s.seriesNumber, count: s.seriesCount }, o) : null,
		s.cancelReason ? m.calendar_detail_cancel_reason({ reason: s.cancelReason }, o) : null
	]
		.filter(Boolean)
		.join('\n');
}
