// tRPC building blocks shared by every feature router: the context, the error shape
// (which field, why) and the procedures that check who may call.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { formatFieldErrors, localizeIssues, type FieldError, type Locale } from '../../validation/issues';
import { can, loadPrincipal, type Action, type Principal } from '../auth/authorize';

export interface Context {
	db: Db;
	locale: Locale;
	user: SessionUser | null;
	sessionId: string | null;
	ip: string;
	/** Sets or clears the session cookie; absent when called outside HTTP (tests, scripts). */
	setSessionCookie?: (token: string | null, expiresAt?: Date) => void;
}

const t = initTRPC.context<Context>().create({
	transformer: superjson,
	// Stack traces help in development and tests only; production responses never carry them.
	isDev: import.meta.env?.DEV ?? false,
	errorFormatter({ shape, error, ctx }) {
		const fieldErrors: FieldError[] | null =
			error.cause instanceof ZodError ? localizeIssues(error.cause.issues, ctx?.locale ?? 'zh') : null;
		return {
			...shape,
			message: fieldErrors ? formatFieldErrors(fieldErrors) : shape.message,
			data: { ...shape.data, fieldErrors }
		};
	}
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** Signed in; the principal (memberships over the org tree) is loaded once per call. */
export const authedProcedure = t.procedure.use(async ({ ctx, next }) => {
	if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'not signed in' });
	const principal = await loadPrincipal(ctx.db, ctx.user.id);
	return next({ ctx: { ...ctx, user: ctx.user, principal } });
});

export type AuthedContext = Context & { user: SessionUser; principal: Principal };

/** Throws FORBIDDEN unless the caller may do `action` on the organisation. */
export async function requireOrgPermission(ctx: AuthedContext, action: Action, orgId: string) {
	const org = await ctx.db.organization.findUnique({ where: { id: orgId }, select: { id: true, path: true } });
	// An organisation outside the caller's reach is reported exactly like a missing one,
	// so probing ids leaks nothing.
	if (!org || !can(ctx.principal, action, org.path)) {
		throw new TRPCError({ code: 'FORBIDDEN', message: `not allowed: ${action}` });
	}
	return org;
}

/**
 * Middleware for procedures whose input names an organisation (`orgId`): the caller
 * must hold a role allowing `action` there or above it.
 */
export function orgProcedure(action: Action) {
	return authedProcedure.use(async ({ ctx, getRawInput, next }) => {
		const raw = (await getRawInput()) as { orgId?: unknown } | undefined;
		if (!raw || typeof raw.orgId !== 'string') {
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'orgId: required' });
		}
		const org = await requireOrgPermission(ctx, action, raw.orgId);
		return next({ ctx: { ...ctx, org } });
	});
}
