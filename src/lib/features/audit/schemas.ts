// Filters of the audit log viewer; the page's filter form and `audit.list` share them.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isDay } from '$lib/domain/dates';
import { intBetween } from '../orgs/schemas';

export const AUDIT_PAGE_SIZE = 50;

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
	.refine((v) => v === '' || isDay(v), { error: () => m.date_error_invalid() })
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
