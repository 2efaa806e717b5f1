// Dates as people here read them. Date-only values are midnight UTC, so they are shown in
// UTC; moments are shown in China Standard Time, where the committees are, so the server
// and the browser render the same text.
import { getLocale } from '$lib/paraglide/runtime';

export const APP_TIME_ZONE = 'Asia/Shanghai';

const tag = () => (getLocale() === 'en' ? 'en-GB' : 'zh-CN');

export function formatDay(value: Date): string {
	return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
}

export function formatMoment(value: Date): string {
	return new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short', timeZone: APP_TIME_ZONE }).format(value);
}

export function formatMinute(minute: number): string {
	return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
