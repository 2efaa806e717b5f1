// tRPC building blocks shared by every feature router: the context, the error shape
// (which field, why) and the procedures that check who may call.
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Db } from '../db';
import type { SessionUser } from '../auth/session';
import { m } from '../../paraglide/messages';
import { illFormedPath } from '../../validation/fields';
import { formatFieldErrors, localizeIssues, type FieldError, type Locale } from '../../validation/issues';
import { fieldError } from './errors';
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
	errorFormatter({ shape, error, ctx }) {
		const locale = ctx?.locale ?? 'zh';
		// No stack, file path or database message reaches the client. An unexpected error gets
		// a reference the person can quote; the server log has the whole error under it.
		const { stack: _stack, ...data } = shape.data;
		if (error.code === 'INTERNAL_SERVER_ERROR') {
			const correlationId = crypto.randomUUID().slice(0, 8);
			console.error(`[api] ${correlationId} ${shape.data.path ?? ''}`, error.cause ?? error);
			return {
				...shape,
				message: m.error_unexpected({ ref: correlationId }, { locale }),
				data: { ...data, fieldErrors: null, correlationId }
			};
		}
		const fieldErrors: FieldError[] | null = error.cause instanceof ZodError ? localizeIssues(error.cause.issues, locale) : null;
		return {
			...shape,
			message: fieldErrors ? formatFieldErrors(fieldErrors) : shape.message,
			data: { ...data, fieldErrors, correlationId: null }
		};
	}
});

/** Input holding ill-formed Unicode anywhere (ids, search text, keys) is refused before any schema or query sees it. */
const wellFormedInput = t.middleware(async ({ getRawInput, next }) => {
	const path = illFormedPath(await getRawInput());
	if (path) throw fieldError(path.join('.'), m.text_error_unicode());
	return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(wellFormedInput);

/** Signed in; the principal (memberships over the org tree) is loaded once per call. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
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
