// Why a substitute cannot make a seat's date, in words a coordinator reads (zh, en): shown
// next to the name wherever substitutes are offered (re-plans after a decline, bookings).
import { formatDay, formatMinute, formatMomentAs, weekdayName } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import type { SlotConflict } from './substitutes';

export function slotConflictText(c: SlotConflict, name: string): string {
	const when = formatMomentAs(c.startsAt);
	switch (c.kind) {
		case 'hours': {
			if (!c.free.length) return m.sub_conflict_no_hours({ when, name });
			const free = c.free
				.map((f) => `${weekdayName(f.weekday)} ${formatMinute(f.fromMinute)}–${formatMinute(f.toMinute)}`)
				.join(m.sub_list_separator());
			return m.sub_conflict_hours({ when, name, free });
		}
		case 'leave':
			return m.sub_conflict_leave({ when, name, from: formatDay(c.leaveFrom), to: formatDay(c.leaveTo) });
		case 'busy':
			return m.sub_conflict_busy({ when, name, other: formatMomentAs(c.otherStartsAt) });
		case 'weekly_cap':
			return m.sub_conflict_weekly_cap({ when, name, max: c.max, count: c.sessions });
	}
}
