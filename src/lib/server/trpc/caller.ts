// Server-side loads call the same procedures as the browser, with the same checks.
import { error, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { getLocale } from '$lib/paraglide/runtime';
import { writeSessionCookie } from '../auth/cookie';
import { getDb } from '../db';
import { createCallerFactory } from './init';
import { appRouter } from './router';

const createCaller = createCallerFactory(appRouter);

export function serverCaller(event: RequestEvent) {
	return createCaller({
		db: getDb(),
		locale: getLocale() === 'en' ? 'en' : 'zh',
		user: event.locals.user,
		sessionId: event.locals.sessionId,
		ip: event.getClientAddress(),
		setSessionCookie: (token, expiresAt) => writeSessionCookie(event.cookies, event.url, token, expiresAt)
	});
}

/** Runs a call for a page load, turning API refusals into the matching HTTP error page. */
export async function loadOrError<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (e) {
		if (e instanceof TRPCError) error(getHTTPStatusCodeFromError(e), e.message);
		throw e;
	}
}
