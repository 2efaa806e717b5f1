// One set of rules for the need form in the browser and the API on the server.
import { z } from 'zod';
import { idField, textField } from '$lib/validation/fields';
import { dayField } from '$lib/domain/dates';
import { AUDIENCES, DEMAND_KINDS, LANGUAGES, SESSION_MODES, TOPICS } from '$lib/domain/vocabulary';
import { m } from '$lib/paraglide/messages';
import { DEMAND_STATUSES } from './domain';

export const pupilInput = z.object({
	pseudonym: textField().trim().min(1).max(20),
	grade: textField().trim().min(1).max(20),
	needs: textField().trim().max(500).default(''),
	realName: textField().trim().min(1).max(40),
	contact: textField().trim().max(80).default('')
});

export const demandFields = z
	.object({
		kind: z.enum(DEMAND_KINDS),
		title: textField().trim().min(4).max(80),
		topic: z.enum(TOPICS),
		audience: z.array(z.enum(AUDIENCES)).min(1, { error: () => m.demands_error_audience() }),
		audienceSize: z.number().int().min(1).max(5000),
		mode: z.enum(SESSION_MODES),
		windowFrom: dayField,
		windowTo: dayField,
		sessionCount: z.number().int().min(1).max(40),
		sessionMinutes: z.number().int().min(15).max(240),
		seats: z.number().int().min(1).max(20),
		rural: z.boolean(),
		leftBehind: z.boolean(),
		hardship: z.boolean(),
		language: z.enum(LANGUAGES).nullable(),
		notes: textField().trim().max(1000),
		/** Absent: leave the stored pupil as it is (for editors who may not see it). */
		pupil: pupilInput.nullable().optional()
	})
	.superRefine((d, ctx) => {
		if (d.windowTo < d.windowFrom) ctx.addIssue({ code: 'custom', path: ['windowTo'], message: m.demands_error_window_order() });
		if (d.pupil && d.kind !== 'mentoring' && d.kind !== 'tutoring') {
			ctx.addIssue({ code: 'custom', path: ['pupil'], message: m.demands_error_pupil_kind() });
		}
	});

export type DemandFields = z.infer<typeof demandFields>;

export const createDemandInput = z.object({ orgId: textField().min(1), fields: demandFields, publish: z.boolean().default(false) });
export const updateDemandInput = z.object({ id: textField().min(1), fields: demandFields });
export const demandIdInput = z.object({ id: idField() });
export const transitionInput = z.object({ id: textField().min(1), to: z.enum(DEMAND_STATUSES) });

export const SORTABLE = ['title', 'windowFrom', 'priority', 'status', 'createdAt'] as const;

export const listDemandsInput = z.object({
	page: z.number().int().min(1).default(1),
	pageSize: z.number().int().min(5).max(200).default(25),
	sort: z.enum(SORTABLE).default('windowFrom'),
	direction: z.enum(['asc', 'desc']).default('asc'),
	/** Part of a title or school name, or a school name's pinyin initials ("dhsx" finds 东湖实验小学). */
	search: textField().trim().max(60).default(''),
	/** A school (or village group) and what lies below it. */
	orgId: textField().optional(),
	/** Every school in a district. */
	districtId: textField().optional(),
	kind: z.enum(DEMAND_KINDS).optional(),
	topic: z.enum(TOPICS).optional(),
	status: z.enum(DEMAND_STATUSES).optional(),
	priority: z.number().int().min(1).max(3).optional()
});
export type ListDemandsInput = z.input<typeof listDemandsInput>;
