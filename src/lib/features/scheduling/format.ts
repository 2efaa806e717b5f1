// A session's time as people here read it: in China Standard Time, with the weekday.
import { formatMomentAs } from '$lib/domain/dates';

export function formatSessionTime(startsAt: Date | null, endsAt: Date | null): string {
	if (!startsAt) return '—';
	const start = `${formatMomentAs(startsAt, 'day')} ${formatMomentAs(startsAt, 'time')}`;
	return endsAt ? `${start}–${formatMomentAs(endsAt, 'time')}` : start;
}
