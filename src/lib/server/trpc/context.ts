// The context of one call, built from the request the same way for the browser's API calls
// and for page loads that call procedures directly.
import type { RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { writeSessionCookie } from '../auth/cookie';
import { getDb } from '../db';
import type { Context } from './init';

export function contextOf(event: RequestEvent): Context {
	return {
		db: getDb(),
		locale: getLocale() === 'en' ? 'en' : 'zh',
		user: event.locals.user,
		sessionId: event.locals.sessionId,
		ip: event.getClientAddress(),
		setSessionCookie: (token, expiresAt) => writeSessionCookie(event.cookies, event.url, token, expiresAt)
	};
}
