import type { Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { getDb } from '$lib/server/db';
import { writeSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale === 'zh' ? 'zh-CN' : locale)
		});
	});

const auth: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = null;
	event.locals.sessionId = null;
	if (token) {
		const valid = await validateSessionToken(getDb(), token);
		if (valid) {
			event.locals.user = valid.user;
			event.locals.sessionId = valid.session.id;
			writeSessionCookie(event.cookies, event.url, token, valid.session.expiresAt);
		} else {
			writeSessionCookie(event.cookies, event.url, null);
		}
	}
	return resolve(event);
};

/**
 * Headers every response carries. Pages get their Content-Security-Policy from `kit.csp`
 * (svelte.config.js); endpoints (tRPC, exports, templates) get one that forbids framing.
 */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	if (!headers.has('content-security-policy')) headers.set('content-security-policy', "frame-ancestors 'none'");
	return response;
};

export const handle = sequence(securityHeaders, auth, i18n);
