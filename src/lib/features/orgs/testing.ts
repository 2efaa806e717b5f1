// Test support for the orgs and audit features: callers acting as the fixture's users
// against a real database, and helpers to look at refusals.
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { postgresUrl, type TestDb } from '../../../../tests/helpers/test-db';
import { createCallerFactory } from '$lib/server/trpc/init';
import { appRouter } from '$lib/server/trpc/router';
import type { Locale } from '$lib/validation/issues';

export const providers = ['sqlite', ...(postgresUrl() ? ['postgresql' as const] : [])] as const;

const createCaller = createCallerFactory(appRouter);
export type Api = ReturnType<typeof createCaller>;

export function callers(t: () => TestDb) {
	const cookies: string[] = [];
	async function as(username: string | null, { locale = 'zh' as Locale, ip = '127.0.0.1' } = {}): Promise<Api> {
		let user = null;
		if (username) {
			const u = await t().db.user.findUniqueOrThrow({ where: { username } });
			user = { id: u.id, username: u.username, displayName: u.displayName, locale: u.locale };
		}
		return createCaller({
			db: t().db,
			locale,
			user,
			sessionId: null,
			ip,
			setSessionCookie: (token) => {
				if (token) cookies.push(token);
			}
		});
	}
	return { as, cookies };
}

/** The TRPCError a call fails with (fails the test when it succeeds). */
export async function failure(call: Promise<unknown>): Promise<TRPCError> {
	try {
		await call;
	} catch (e) {
		if (e instanceof TRPCError) return e;
		throw e;
	}
	expect.unreachable('the call should have been refused');
	throw new Error('unreachable');
}

/** Field paths named by a refusal (zod issues or a "field: reason" rule). */
export function fieldsOf(error: TRPCError): string[] {
	const cause = error.cause as { issues?: { path: PropertyKey[] }[] } | undefined;
	return (cause?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

/** "field: reason" for each issue of a refusal, as the error formatter would send it. */
export function explain(error: TRPCError): string {
	const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
	return (cause?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ') || error.message;
}
