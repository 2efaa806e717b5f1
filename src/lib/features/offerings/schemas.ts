// One set of rules for the offering and booking forms in the browser and the API on the server.
import { z } from 'zod';
import { AUDIENCES, DEMAND_KINDS, TOPICS } from '$lib/domain/vocabulary';
import { dayField } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';

export const OFFERING_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export const offeringFields = z
	.object({
		title: z.string().trim().min(4).max(80),
		kind: z.enum(DEMAND_KINDS),
		topic: z.enum(TOPICS),
		audience: z.array(z.enum(AUDIENCES)).min(1, { error: () => m.offerings_error_audience() }),
		minutes: z.number().int().min(15).max(240),
		sessionCount: z.number().int().min(1).max(20),
		offersOnline: z.boolean(),
		offersOffline: z.boolean(),
		perTerm: z.number().int().min(1).max(30),
		description: z.string().trim().max(600)
	})
	.superRefine((f, ctx) => {
		if (!f.offersOnline && !f.offersOffline) ctx.addIssue({ code: 'custom', path: ['offersOffline'], message: m.offerings_error_mode() });
	});
export type OfferingFields = z.infer<typeof offeringFields>;

/** Without `id` a new offering; without `volunteerId` one's own. */
export const saveOfferingInput = z.object({
	id: z.string().min(1).optional(),
	volunteerId: z.string().min(1).optional(),
	fields: offeringFields
});
export const offeringIdInput = z.object({ id: z.string().min(1) });
export const reviewInput = z.object({
	id: z.string().min(1),
	decision: z.enum(['approve', 'reject']),
	note: z.string().trim().max(300).default('')
});

export const listOfferingsInput = z.object({
	status: z.enum(OFFERING_STATUSES).optional(),
	search: z.string().trim().max(60).default(''),
	topic: z.enum(TOPICS).optional(),
	page: z.number().int().min(1).default(1),
	pageSize: z.number().int().min(5).max(100).default(20)
});

export const menuInput = z.object({
	/** The school that browses: the menu is what this school may book. */
	orgId: z.string().min(1),
	/** Part of a title or description, or the pinyin initials of a title or a veteran's name. */
	search: z.string().trim().max(60).default(''),
	topic: z.enum(TOPICS).optional(),
	kind: z.enum(DEMAND_KINDS).optional(),
	audience: z.enum(AUDIENCES).optional(),
	mode: z.enum(['online', 'offline']).optional(),
	page: z.number().int().min(1).default(1),
	pageSize: z.number().int().min(5).max(60).default(12)
});
export type MenuInput = z.input<typeof menuInput>;

export const bookingFields = z
	.object({
		windowFrom: dayField,
		windowTo: dayField,
		mode: z.enum(['online', 'offline']),
		audience: z.array(z.enum(AUDIENCES)).min(1, { error: () => m.offerings_error_audience() }),
		audienceSize: z.number().int().min(1).max(5000),
		notes: z.string().trim().max(500)
	})
	.superRefine((f, ctx) => {
		if (f.windowTo < f.windowFrom) ctx.addIssue({ code: 'custom', path: ['windowTo'], message: m.offerings_error_window_order() });
	});
export type BookingFields = z.infer<typeof bookingFields>;

export const bookInput = z.object({ orgId: z.string().min(1), offeringId: z.string().min(1), fields: bookingFields });
export const bookingInput = z.object({ demandId: z.string().min(1) });
export const redirectInput = z.object({ demandId: z.string().min(1), volunteerId: z.string().min(1) });
