// A private phone-calendar subscription: /calendar/feed/<secret>.ics?school=…&kind=…
import { error } from '@sveltejs/kit';
import { answerFeed } from '$lib/features/calendar/feed';
import { filtersFromSearch } from '$lib/features/calendar/schemas';
import { getDb } from '$lib/server/db';
import { FEED_REFRESH_SECONDS } from '$lib/features/calendar/ics';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, url, request }) => {
	const token = params.token.replace(/\.ics$/, '');
	const answer = await answerFeed(getDb(), token, filtersFromSearch(url.searchParams), {
		origin: url.origin,
		ifNoneMatch: request.headers.get('if-none-match')
	});
	if (answer.status === 404) error(404, 'Not found');
	const headers = { etag: answer.etag, 'cache-control': `private, max-age=${FEED_REFRESH_SECONDS / 4}` };
	if (answer.status === 304) return new Response(null, { status: 304, headers });
	return new Response(answer.body, {
		headers: { ...headers, 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': 'inline; filename="silverbridge.ics"' }
	});
};
