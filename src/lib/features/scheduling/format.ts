// A session's time as people here read it: in China Standard Time, with the weekday.
import { getLocale } from '$lib/paraglide/runtime';

const tag = () => (getLocale() === 'en' ? 'en-GB' : 'zh-CN');

export function formatSessionTime(startsAt: Date | null, endsAt: Date | null): string {
	if (!startsAt) return '—';
	const day = new Intl.DateTimeFormat(tag(), { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'Asia/Shanghai' }).format(
		startsAt
	);
	const time = new Intl.DateTimeFormat(tag(), { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
	return endsAt ? `${day} ${time.format(startsAt)}–${time.format(endsAt)}` : `${day} ${time.format(startsAt)}`;
}
