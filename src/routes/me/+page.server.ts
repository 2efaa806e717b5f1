import { redirect } from '@sveltejs/kit';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	const api = serverCaller(event);
	const [me, overview] = await Promise.all([loadOrError(() => api.volunteers.me()), loadOrError(() => api.home.overview())]);
	return { me, home: overview.volunteer ?? null };
};
