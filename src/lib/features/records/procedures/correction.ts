// A coordinator's correction of a record, always audited with the record as it was.
import { TRPCError } from '@trpc/server';
import { recordAudit } from '$lib/server/audit';
import { authedProcedure } from '$lib/server/trpc/init';
import { correctInput } from '../schemas';
import { recordView, sessionFor } from './session';

export const correctionProcedures = {
	correct: authedProcedure.input(correctInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['coordinator']);
		if (!s.record) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: nothing recorded yet' });
		const { sessionId, reason, ...changes } = input;
		const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
		if (!Object.keys(fields).length) throw new TRPCError({ code: 'BAD_REQUEST', message: 'minutes: nothing to correct' });
		await ctx.db.$transaction(async (tx) => {
			// A corrected record is settled: it counts, and stays locked.
			await tx.sessionRecord.update({
				where: { sessionId },
				data: { ...fields, approval: 'confirmed', locked: true, correctionCount: { increment: 1 } }
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: sessionId,
				action: 'correct',
				before: recordView(s.record!),
				after: { ...fields, reason }
			});
		});
		return { ok: true };
	})
};
