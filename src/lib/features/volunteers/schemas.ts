import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { DAY_PARTS, WEEKDAYS } from './domain';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.volunteers_error_date() });
const partKey = z.string().refine((k) => {
	const [day, part] = k.split(':');
	return WEEKDAYS.includes(Number(day) as (typeof WEEKDAYS)[number]) && part in DAY_PARTS;
});

export const availabilityInput = z.object({ volunteerId: z.string().min(1).optional(), ticked: z.array(partKey).max(21) });

export const leaveRequestInput = z
	.object({ volunteerId: z.string().min(1).optional(), fromDate: isoDate, toDate: isoDate, reason: z.string().trim().min(2).max(200) })
	.superRefine((l, ctx) => {
		if (l.toDate < l.fromDate) ctx.addIssue({ code: 'custom', path: ['toDate'], message: m.volunteers_error_leave_order() });
	});

export const leaveIdInput = z.object({ id: z.string().min(1) });
export const leaveDecisionInput = z.object({ id: z.string().min(1), approve: z.boolean() });
export const pendingLeavesInput = z.object({ status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).default('pending') });
