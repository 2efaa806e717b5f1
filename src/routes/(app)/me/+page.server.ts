import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const [me, overview] = await Promise.all([loadOrError(() => api.volunteers.me()), loadOrError(() => api.home.overview())]);
	return { me, home: overview.volunteer ?? null };
};
