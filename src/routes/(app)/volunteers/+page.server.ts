import { listInputFromUrl } from '$lib/features/volunteers/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const input = listInputFromUrl(event.url);
	const [list, orgs] = await Promise.all([loadOrError(() => api.volunteers.list(input)), loadOrError(() => api.orgs.tree())]);
	return { input, list, districts: orgs.filter((o) => o.level === 'district').map((o) => ({ id: o.id, name: o.name })) };
};
