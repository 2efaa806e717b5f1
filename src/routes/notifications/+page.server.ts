import { redirect } from '@sveltejs/kit';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname)}`);
	const api = serverCaller(event);
	const [list, channels] = await Promise.all([
		loadOrError(() => api.notifications.list({ limit: 100 })),
		loadOrError(() => api.notifications.channels())
	]);
	return { list, channels };
};
