import { redirect } from '@sveltejs/kit';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) redirect(303, '/login');
	return { overview: await loadOrError(() => serverCaller(event).home.overview()) };
};
