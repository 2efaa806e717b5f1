import { TRPCError } from '@trpc/server';
import { login } from '$lib/server/auth/login';
import { invalidateSession } from '$lib/server/auth/session';
import { authedProcedure, publicProcedure, router } from '$lib/server/trpc/init';
import { localeInput, loginInput } from './schemas';

export const authRouter = router({
	login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
		const result = await login(ctx.db, { ...input, ip: ctx.ip });
		if (!result.ok) {
			// The client shows a localized sentence for each reason code.
			throw new TRPCError(
				result.reason === 'throttled'
					? { code: 'TOO_MANY_REQUESTS', message: `throttled:${result.retryAt.toISOString()}` }
					: { code: 'UNAUTHORIZED', message: 'invalid_credentials' }
			);
		}
		ctx.setSessionCookie?.(result.token, result.expiresAt);
		return { userId: result.userId };
	}),

	logout: authedProcedure.mutation(async ({ ctx }) => {
		if (ctx.sessionId) await invalidateSession(ctx.db, ctx.sessionId);
		ctx.setSessionCookie?.(null);
		return { ok: true };
	}),

	me: publicProcedure.query(async ({ ctx }) => {
		if (!ctx.user) return null;
		const memberships = await ctx.db.membership.findMany({
			where: { userId: ctx.user.id, active: true },
			select: { role: true, org: { select: { id: true, name: true, level: true } } }
		});
		return { ...ctx.user, memberships };
	}),

	setLocale: authedProcedure.input(localeInput).mutation(async ({ ctx, input }) => {
		await ctx.db.user.update({ where: { id: ctx.user.id }, data: { locale: input.locale } });
		return { locale: input.locale };
	})
});
