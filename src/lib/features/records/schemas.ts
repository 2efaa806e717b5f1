import { z } from 'zod';

const count = z.number().int().min(0).max(100_000);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const sessionIdInput = z.object({ sessionId: z.string().min(1) });

export const recordInput = z
	.object({
		sessionId: z.string().min(1),
		outcome: z.enum(['held', 'not_held', 'substitute']),
		minutes: z
			.number()
			.int()
			.min(0)
			.max(24 * 60),
		pupils: count,
		parents: count,
		teachers: count,
		note: z.string().trim().max(2000).default(''),
		notHeldReason: z.string().trim().max(500).optional(),
		substituteName: z.string().trim().max(100).optional()
	})
	.superRefine((v, ctx) => {
		if (v.outcome === 'not_held' && !v.notHeldReason) ctx.addIssue({ code: 'custom', path: ['notHeldReason'], message: 'required' });
		if (v.outcome === 'substitute' && !v.substituteName) ctx.addIssue({ code: 'custom', path: ['substituteName'], message: 'required' });
	});

const score = z.number().int().min(1).max(5);
export const confirmInput = z.object({
	sessionId: z.string().min(1),
	content: score,
	delivery: score,
	engagement: score,
	comment: z.string().trim().max(2000).default('')
});

export const objectInput = z.object({ sessionId: z.string().min(1), objection: z.string().trim().min(1).max(1000) });

export const correctInput = z.object({
	sessionId: z.string().min(1),
	reason: z.string().trim().min(1).max(1000),
	minutes: z
		.number()
		.int()
		.min(0)
		.max(24 * 60)
		.optional(),
	pupils: count.optional(),
	parents: count.optional(),
	teachers: count.optional(),
	outcome: z.enum(['held', 'not_held', 'substitute']).optional()
});

export const observeInput = z.object({ sessionId: z.string().min(1), rating: score, note: z.string().trim().max(2000).default('') });
export const progressNoteInput = z.object({ sessionId: z.string().min(1), text: z.string().trim().min(1).max(4000) });

export const settingsInput = z.object({
	orgId: z.string().min(1),
	autoApproveDays: z.number().int().min(0).max(90),
	minSessions: z.number().int().min(0).max(1000),
	minAverageScore: z.number().min(0).max(5)
});

export const reportInput = z
	.object({ scopeOrgId: z.string().min(1).optional(), from: isoDay, to: isoDay })
	.refine((v) => v.from <= v.to, { path: ['to'], message: 'must not be before from' });

export const drillInput = z.object({
	scopeOrgId: z.string().min(1).optional(),
	from: isoDay,
	to: isoDay,
	dimension: z.enum(['district', 'school', 'kind', 'topic', 'category']).optional(),
	key: z.string().nullable().optional(),
	take: z.number().int().min(1).max(500).default(100)
});
