import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { writeSessionCookie } from '$lib/server/auth/cookie';
import { getDb } from '$lib/server/db';
import { appRouter } from '$lib/server/trpc/router';
import { isSameOrigin } from '$lib/server/trpc/same-origin';

const handler: RequestHandler = (event) => {
	if (event.request.method !== 'GET' && !isSameOrigin(event.request, event.url)) {
		return new Response(JSON.stringify({ error: { message: 'cross-site request refused' } }), {
			status: 403,
			headers: { 'content-type': 'application/json' }
		});
	}
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: event.request,
		router: appRouter,
		createContext: () => ({
			db: getDb(),
			locale: getLocale() === 'en' ? 'en' : 'zh',
			user: event.locals.user,
			sessionId: event.locals.sessionId,
			ip: event.getClientAddress(),
			setSessionCookie: (token, expiresAt) => writeSessionCookie(event.cookies, event.url, token, expiresAt)
		})
	});
};

export const GET = handler;
export const POST = handler;
