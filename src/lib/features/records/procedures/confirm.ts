// The school's side: confirming a record with its evaluation, or objecting to it.
import { TRPCError } from '@trpc/server';
import { recordAudit } from '$lib/server/audit';
import { emitLive } from '$lib/server/live/bus';
import { authedProcedure } from '$lib/server/trpc/init';
import { confirmInput, objectInput } from '../schemas';
import { sessionFor } from './session';

export const confirmProcedures = {
	confirm: authedProcedure.input(confirmInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['school']);
		if (!s.record) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: nothing recorded yet' });
		if (s.record.outcome === 'not_held')
			throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: a session not held has nothing to evaluate' });
		if (s.record.evaluation) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: already evaluated' });
		const score = (input.content + input.delivery + input.engagement) / 3;
		const now = new Date();
		await ctx.db.$transaction(async (tx) => {
			await tx.sessionRecord.update({
				where: { sessionId: s.id },
				data: { approval: 'confirmed', confirmedAt: now, confirmedById: ctx.user.id, locked: true, objection: null, score }
			});
			await tx.evaluation.create({
				data: {
					sessionId: s.id,
					content: input.content,
					delivery: input.delivery,
					engagement: input.engagement,
					score,
					comment: input.comment,
					authorId: ctx.user.id
				}
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: s.id,
				action: 'confirm',
				after: { ...input, score }
			});
		});
		emitLive({ type: 'sessions.changed', sessionIds: [s.id] });
		return { ok: true };
	}),

	/** The school disputes a record; its hours stop counting until a coordinator corrects it. */
	object: authedProcedure.input(objectInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['school']);
		if (!s.record || s.record.locked) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: no open record to object to' });
		await ctx.db.$transaction(async (tx) => {
			await tx.sessionRecord.update({ where: { sessionId: s.id }, data: { approval: 'disputed', objection: input.objection } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: s.id,
				action: 'object',
				after: { objection: input.objection }
			});
		});
		return { ok: true };
	})
};
