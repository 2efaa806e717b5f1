import { z } from 'zod';
import { DEMAND_KINDS, TOPICS } from '$lib/domain/vocabulary';

/** Statuses a dated session can show on a calendar (drafts are not sent yet). */
export const CALENDAR_STATUSES = ['planned', 'accepted', 'confirmed', 'held', 'not_held', 'cancelled'] as const;
export type CalendarStatus = (typeof CALENDAR_STATUSES)[number];

const id = z.string().min(1).max(64);

/** The calendar's filters; the same names are the page's and the ICS feed's URL parameters. */
export const calendarFilters = z.object({
	district: id.optional(),
	school: id.optional(),
	volunteer: id.optional(),
	kind: z.enum(DEMAND_KINDS).optional(),
	topic: z.enum(TOPICS).optional(),
	status: z.enum(CALENDAR_STATUSES).optional(),
	round: id.optional()
});
export type CalendarFilters = z.infer<typeof calendarFilters>;
export const FILTER_KEYS = Object.keys(calendarFilters.shape) as (keyof CalendarFilters)[];

/** At most 62 days at once: a month view with its leading and trailing weeks. */
export const MAX_RANGE_DAYS = 62;

export const rangeInput = z
	.object({ from: z.coerce.date(), to: z.coerce.date(), filters: calendarFilters.default({}) })
	.superRefine((r, ctx) => {
		if (r.to <= r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to: must be after from' });
		else if (r.to.getTime() - r.from.getTime() > MAX_RANGE_DAYS * 86_400_000) {
			ctx.addIssue({ code: 'custom', path: ['to'], message: `to: at most ${MAX_RANGE_DAYS} days after from` });
		}
	});

/** Sessions a month view shows per day in full; the rest of the day is a "+N" count. */
export const MONTH_EVENTS_PER_DAY = 3;

export const moveInput = z.object({ sessionId: id, startsAt: z.coerce.date(), sequence: z.number().int().min(0) });

/** Reads filters from URL search parameters, dropping unknown or invalid values. */
export function filtersFromSearch(params: URLSearchParams): CalendarFilters {
	const out: Record<string, string> = {};
	for (const key of FILTER_KEYS) {
		const value = params.get(key);
		if (!value) continue;
		const parsed = calendarFilters.shape[key].safeParse(value);
		if (parsed.success && parsed.data) out[key] = parsed.data;
	}
	return out as CalendarFilters;
}
