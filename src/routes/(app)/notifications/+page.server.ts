import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const [list, channels] = await Promise.all([
		loadOrError(() => api.notifications.list({ limit: 100 })),
		loadOrError(() => api.notifications.channels())
	]);
	return { list, channels };
};
