// Input rules of organisation admin. Forms validate with these same schemas as people type,
// and the router validates its input with them, so the browser and the server say the same.
// Custom messages are functions: they are read at parse time, in the reader's language.
import { z } from 'zod';
import { idField, textField } from '$lib/validation/fields';
import { dayField, daysBetween } from '$lib/domain/dates';
import { ORG_LEVELS, ROLES } from '$lib/domain/vocabulary';
import { m } from '$lib/paraglide/messages';

/** Which level may sit directly under which. */
export const CHILD_LEVEL = {
	city: 'district',
	district: 'school',
	school: 'village_group',
	village_group: null
} as const;

export const CALENDAR_KINDS = ['term', 'holiday', 'exam', 'closed'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** Calendar dates outside these years are typing mistakes, not plans. */
export const CALENDAR_YEARS = { min: 2020, max: 2100 } as const;
/** The longest calendar entry: a school year. */
export const MAX_ENTRY_DAYS = 366;
/** Schools receive visitors between 07:00 and 21:00. */
export const VISITING_DAY = { fromMinute: 7 * 60, toMinute: 21 * 60 } as const;
export const MAX_TRAVEL_MINUTES = 600;
export const MAX_ROOMS = 50;

const id = idField();

/** Trimmed text of min..max characters, with a plain-language message. */
function text(min: number, max: number) {
	return z
		.string()
		.trim()
		.refine((v) => v.length >= min, { error: () => (min <= 1 ? m.orgs_error_required() : m.orgs_error_min_chars({ min })) })
		.refine((v) => v.length <= max, { error: () => m.orgs_error_max_chars({ max }) });
}

/** Optional text: blank means "not given". */
function optionalText(max: number) {
	return z
		.string()
		.trim()
		.refine((v) => v.length <= max, { error: () => m.orgs_error_max_chars({ max }) })
		.optional()
		.transform((v) => v || undefined);
}

export function intBetween(min: number, max: number) {
	return z.custom<number>((v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max, {
		error: () => m.orgs_error_int_between({ min, max })
	});
}

const PHONE = /^1\d{10}$/;
const optionalPhone = z
	.string()
	.trim()
	.refine((v) => v === '' || PHONE.test(v), { error: () => m.orgs_error_phone() })
	.optional()
	.transform((v) => v || undefined);

// ---------- Organisations ----------

export const orgFields = z.object({
	name: text(2, 60),
	nameEn: optionalText(80),
	rural: z.boolean(),
	rooms: intBetween(1, MAX_ROOMS),
	address: optionalText(120)
});

export const updateOrgInput = orgFields.extend({ orgId: id });

export const childOrgFields = z.object({
	name: text(2, 60),
	nameEn: optionalText(80),
	level: z.enum(ORG_LEVELS),
	rural: z.boolean().default(false),
	rooms: intBetween(1, MAX_ROOMS).default(1),
	address: optionalText(120)
});

export const createOrgInput = childOrgFields.extend({ orgId: id.describe('parent organisation') });

export const orgInput = z.object({ orgId: id });

export const treeInput = z.object({ includeInactive: z.boolean().default(false) }).optional();

// ---------- Calendar ----------

const calendarFields = z.object({
	kind: z.enum(CALENDAR_KINDS),
	label: text(1, 40),
	fromDate: dayField,
	toDate: dayField
});

function checkEntryDates(v: { fromDate: string; toDate: string }, ctx: z.RefinementCtx) {
	let yearsOk = true;
	for (const key of ['fromDate', 'toDate'] as const) {
		const year = Number(v[key].slice(0, 4));
		if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
			ctx.addIssue({ code: 'custom', path: [key], message: m.orgs_error_year(CALENDAR_YEARS) });
			yearsOk = false;
		}
	}
	// A mistyped year explains any odd span; one message is enough.
	if (!yearsOk) return;
	const days = daysBetween(v.fromDate, v.toDate);
	if (days < 0) ctx.addIssue({ code: 'custom', path: ['toDate'], message: m.orgs_error_to_before_from() });
	else if (days >= MAX_ENTRY_DAYS)
		ctx.addIssue({ code: 'custom', path: ['toDate'], message: m.orgs_error_entry_too_long({ days: MAX_ENTRY_DAYS }) });
}

export const calendarEntryForm = calendarFields.superRefine(checkEntryDates);
export const addCalendarEntryInput = calendarFields.extend({ orgId: id }).superRefine(checkEntryDates);
export const updateCalendarEntryInput = calendarFields.extend({ orgId: id, entryId: id }).superRefine(checkEntryDates);
export const deleteCalendarEntryInput = z.object({ orgId: id, entryId: id });

// ---------- Visiting hours ----------

export const visitingSlot = z.object({
	weekday: intBetween(1, 7),
	fromMinute: intBetween(0, 24 * 60),
	toMinute: intBetween(0, 24 * 60)
});
export type VisitingSlot = z.infer<typeof visitingSlot>;

function checkSlots(v: { slots: VisitingSlot[] }, ctx: z.RefinementCtx) {
	v.slots.forEach((slot, i) => {
		if (slot.fromMinute < VISITING_DAY.fromMinute) {
			ctx.addIssue({ code: 'custom', path: ['slots', i, 'fromMinute'], message: m.orgs_error_visit_earliest() });
		}
		if (slot.toMinute > VISITING_DAY.toMinute) {
			ctx.addIssue({ code: 'custom', path: ['slots', i, 'toMinute'], message: m.orgs_error_visit_latest() });
		}
		if (slot.toMinute <= slot.fromMinute) {
			ctx.addIssue({ code: 'custom', path: ['slots', i, 'toMinute'], message: m.orgs_error_time_order() });
		} else if (
			v.slots.some((o, j) => j < i && o.weekday === slot.weekday && o.fromMinute < slot.toMinute && slot.fromMinute < o.toMinute)
		) {
			ctx.addIssue({ code: 'custom', path: ['slots', i, 'fromMinute'], message: m.orgs_error_visit_overlap() });
		}
	});
}

const slots = z.array(visitingSlot).max(7 * 6);
export const visitingHoursForm = z.object({ slots }).superRefine(checkSlots);
export const setVisitingHoursInput = z.object({ orgId: id, slots }).superRefine(checkSlots);

// ---------- Travel times ----------

export const travelTimesInput = z
	.object({
		orgId: id,
		entries: z
			.array(z.object({ fromId: id, toId: id, minutes: intBetween(1, MAX_TRAVEL_MINUTES) }))
			.min(1)
			.max(2000)
	})
	.superRefine((v, ctx) => {
		v.entries.forEach((e, i) => {
			if (e.fromId === e.toId) ctx.addIssue({ code: 'custom', path: ['entries', i, 'toId'], message: m.orgs_error_travel_same() });
		});
	});

// ---------- People ----------

export const inviteFields = z.object({
	role: z.enum(ROLES),
	displayName: optionalText(40),
	phone: optionalPhone
});
export const inviteInput = inviteFields.extend({ orgId: id });

export const invitationLookupInput = z.object({ code: textField().trim().min(1).max(80) });

export const USERNAME = /^[a-zA-Z0-9_.-]{3,32}$/;
export const MIN_PASSWORD = 8;

export const acceptInviteFields = z.object({
	username: z
		.string()
		.trim()
		.refine((v) => USERNAME.test(v), { error: () => m.orgs_error_username() }),
	displayName: text(1, 40),
	password: z
		.string()
		.refine((v) => v.length >= MIN_PASSWORD, { error: () => m.orgs_error_password({ min: MIN_PASSWORD }) })
		.refine((v) => v.length <= 200, { error: () => m.orgs_error_max_chars({ max: 200 }) }),
	phone: optionalPhone
});
export const acceptInviteInput = acceptInviteFields.extend({ code: textField().trim().min(6).max(80) });

export const memberInput = z.object({ orgId: id, membershipId: id });
export const invitationInput = z.object({ orgId: id, invitationId: id });
