import { redirect } from '@sveltejs/kit';
import { listInputFromUrl } from '$lib/features/demands/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	const input = listInputFromUrl(event.url);
	return { input, list: await loadOrError(() => serverCaller(event).demands.list(input)) };
};
