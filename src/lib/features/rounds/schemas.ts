// Input of the rounds.* procedures; the form in the browser checks the same rules.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { ROUND_STATUSES } from './status';

const isoDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: () => m.round_error_date() })
	.refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: () => m.round_error_date() });

export const roundFields = z
	.object({
		name: z.string().trim().min(2).max(60),
		fromDate: isoDate,
		toDate: isoDate
	})
	.refine((f) => f.toDate >= f.fromDate, { path: ['toDate'], error: () => m.round_error_order() });

export const createRoundInput = z.object({ orgId: z.string().min(1), fields: roundFields });
export const roundIdInput = z.object({ roundId: z.string().min(1) });
export const roundDemandInput = z.object({ roundId: z.string().min(1), demandId: z.string().min(1) });
export const setRoundStatusInput = z.object({ roundId: z.string().min(1), status: z.enum(ROUND_STATUSES) });

export type RoundFields = z.infer<typeof roundFields>;
