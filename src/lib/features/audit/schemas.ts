// Filters of the audit log viewer; the page's filter form and `audit.list` share them.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { intBetween, isIsoDate } from '../orgs/schemas';

export const AUDIT_PAGE_SIZE = 50;

/** Days in the filter are days where the committees are: China Standard Time, no DST. */
export const AUDIT_TIME_ZONE = 'Asia/Shanghai';
const UTC_OFFSET_MS = 8 * 60 * 60 * 1000;
export const startOfDay = (isoDay: string) => new Date(Date.parse(`${isoDay}T00:00:00.000Z`) - UTC_OFFSET_MS);
export const endOfDay = (isoDay: string) => new Date(startOfDay(isoDay).getTime() + 86_400_000);

const optionalCode = z
	.string()
	.trim()
	.max(40)
	.optional()
	.transform((v) => v || undefined);

/** An empty date field means no bound. */
const optionalDate = z
	.string()
	.trim()
	.refine((v) => v === '' || isIsoDate(v), { error: () => m.orgs_error_date() })
	.optional()
	.transform((v) => v || undefined);

export const auditFilters = z
	.object({
		orgId: optionalCode,
		entity: optionalCode,
		action: optionalCode,
		actor: optionalCode,
		from: optionalDate,
		to: optionalDate,
		page: intBetween(1, 1_000_000).default(1)
	})
	.superRefine((v, ctx) => {
		if (v.from && v.to && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: m.orgs_error_to_before_from() });
	});
export type AuditFilters = z.input<typeof auditFilters>;

export const auditFacetsInput = z.object({ orgId: optionalCode }).optional();
