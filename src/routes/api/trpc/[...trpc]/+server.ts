import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { contextOf } from '$lib/server/trpc/context';
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
		createContext: () => contextOf(event)
	});
};

export const GET = handler;
export const POST = handler;
