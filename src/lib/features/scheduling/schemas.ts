// Input of the scheduling.* procedures.
import { z } from 'zod';

export const DECLINE_REASONS = ['busy', 'health', 'travel', 'topic', 'family', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const roundIdInput = z.object({ roundId: z.string().min(1) });
export const assignmentIdInput = z.object({ assignmentId: z.string().min(1) });
/** The sequence of every session of the invitation as the volunteer saw it. */
const seen = z.record(z.string(), z.number().int().min(0));
export const acceptInput = z.object({ assignmentId: z.string().min(1), seen });
export const declineInput = z.object({
	assignmentId: z.string().min(1),
	seen,
	reason: z.enum(DECLINE_REASONS),
	note: z.string().trim().max(300).default('')
});
export const confirmInput = z.object({ sessionId: z.string().min(1), seen: z.number().int().min(0) });

export const replanIdInput = z.object({ roundId: z.string().min(1), replanId: z.string().min(1) });
export const substitutesInput = z.object({ roundId: z.string().min(1), assignmentId: z.string().min(1) });
export const proposeSubstituteInput = substitutesInput.extend({ volunteerId: z.string().min(1) });
export const cancelSessionInput = z.object({
	sessionId: z.string().min(1),
	seen: z.number().int().min(0),
	reason: z.string().trim().min(1).max(300)
});
export const requestDateInput = z.object({
	sessionId: z.string().min(1),
	seen: z.number().int().min(0),
	note: z.string().trim().max(300).default('')
});
