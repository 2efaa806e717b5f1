// Every date people see is China's time, stated, never the browser's or the server's own.
// (Small on purpose: the project's shared date module replaces it once it lands.)
import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay, startOfWeek } from 'date-fns';

export const SHANGHAI = 'Asia/Shanghai';
/** Asia/Shanghai keeps +08:00 all year (no daylight saving since 1991). */
export const SHANGHAI_OFFSET = '+08:00';

type Locale = 'zh' | 'en';
type Style = 'datetime' | 'date' | 'time' | 'long';

const styles: Record<Style, Intl.DateTimeFormatOptions> = {
	datetime: { month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	date: { year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' },
	time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
	long: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }
};
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatShanghai(at: Date | string, locale: Locale, style: Style = 'datetime'): string {
	const key = `${locale}:${style}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { ...styles[style], timeZone: SHANGHAI });
		formatters.set(key, f);
	}
	return f.format(typeof at === 'string' ? new Date(at) : at);
}

/** The Shanghai calendar week (Monday first) around `at`, as UTC instants [from, to). */
export function shanghaiWeek(at: Date): { from: Date; to: Date } {
	const monday = startOfWeek(new TZDate(at, SHANGHAI), { weekStartsOn: 1 });
	return { from: new Date(monday.getTime()), to: new Date(addDays(monday, 7).getTime()) };
}

/** Midnight in Shanghai that starts the day of `at`, as a UTC instant. */
export function shanghaiDayStart(at: Date): Date {
	return new Date(startOfDay(new TZDate(at, SHANGHAI)).getTime());
}
