import { redirect } from '@sveltejs/kit';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return { options: await loadOrError(() => serverCaller(event).calendar.filterOptions()) };
};
