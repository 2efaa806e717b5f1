import { z } from 'zod';
import { idField, textField } from '$lib/validation/fields';
import { m } from '$lib/paraglide/messages';
import { dayField } from '$lib/domain/dates';
import { LANGUAGES, TOPICS, VOLUNTEER_CATEGORIES } from '$lib/domain/vocabulary';
import { DAY_PARTS, WEEKDAYS } from './domain';

const partKey = textField().refine((k) => {
	const [day, part] = k.split(':');
	return WEEKDAYS.includes(Number(day) as (typeof WEEKDAYS)[number]) && part in DAY_PARTS;
});

export const availabilityInput = z.object({ volunteerId: idField().optional(), ticked: z.array(partKey).max(21) });

export const leaveRequestInput = z
	.object({ volunteerId: idField().optional(), fromDate: dayField, toDate: dayField, reason: textField().trim().min(2).max(200) })
	.superRefine((l, ctx) => {
		if (l.toDate < l.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: m.volunteers_error_leave_order() });
	});

export const leaveIdInput = z.object({ id: idField() });
export const leaveDecisionInput = z.object({ id: textField().min(1), approve: z.boolean() });
export const pendingLeavesInput = z.object({ status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).default('pending') });

export const VOLUNTEER_SORTS = ['name', 'category', 'monthlyCapacity', 'createdAt'] as const;

export const listVolunteersInput = z.object({
	page: z.number().int().min(1).default(1),
	pageSize: z.number().int().min(5).max(200).default(25),
	sort: z.enum(VOLUNTEER_SORTS).default('name'),
	direction: z.enum(['asc', 'desc']).default('asc'),
	/** A name, part of one, or its pinyin initials ("zw" finds 张伟). */
	search: textField().trim().max(40).default(''),
	districtId: textField().optional(),
	topic: z.enum(TOPICS).optional(),
	category: z.enum(VOLUNTEER_CATEGORIES).optional(),
	/** Free on this date: a weekly slot that weekday and no approved leave covering it. */
	availableOn: dayField.optional(),
	onLeave: z.boolean().optional()
});
export type ListVolunteersInput = z.input<typeof listVolunteersInput>;

export const profileFields = z
	.object({
		name: textField().trim().min(2).max(20),
		phone: z
			.string()
			.trim()
			.regex(/^1\d{10}$/, { error: () => m.volunteers_error_phone() })
			.nullable(),
		category: z.enum(VOLUNTEER_CATEGORIES),
		topics: z
			.array(z.enum(TOPICS))
			.min(1, { error: () => m.volunteers_error_topics() })
			.max(6),
		offersOnline: z.boolean(),
		offersOffline: z.boolean(),
		homeDistrictId: textField().min(1, { error: () => m.volunteers_error_district() }),
		maxTravelMinutes: z.number().int().min(0).max(240),
		monthlyCapacity: z.number().int().min(1).max(20),
		languages: z.array(z.enum(LANGUAGES)).min(1, { error: () => m.volunteers_error_languages() }),
		offer: textField().trim().max(500),
		bio: textField().trim().max(500)
	})
	.superRefine((p, ctx) => {
		if (!p.offersOnline && !p.offersOffline) ctx.addIssue({ code: 'custom', path: ['offersOffline'], message: m.volunteers_error_modes() });
	});
export type ProfileFields = z.infer<typeof profileFields>;

export const saveProfileInput = z.object({ volunteerId: idField().optional(), fields: profileFields });
export const createVolunteerInput = z.object({ orgId: textField().min(1), fields: profileFields });
export const volunteerIdInput = z.object({ volunteerId: idField().optional() });
