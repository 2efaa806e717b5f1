// A coordinator's observation of a session.
import { recordAudit } from '$lib/server/audit';
import { authedProcedure } from '$lib/server/trpc/init';
import { observeInput } from '../schemas';
import { sessionFor } from './session';

export const observationProcedures = {
	observe: authedProcedure.input(observeInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['coordinator']);
		await ctx.db.$transaction(async (tx) => {
			const o = await tx.observation.create({ data: { sessionId: s.id, authorId: ctx.user.id, rating: input.rating, note: input.note } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'Observation',
				entityId: o.id,
				action: 'create',
				after: input
			});
		});
		return { ok: true };
	})
};
