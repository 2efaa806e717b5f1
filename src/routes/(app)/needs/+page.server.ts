import { listInputFromUrl } from '$lib/features/demands/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const input = listInputFromUrl(event.url);
	const [list, orgs] = await Promise.all([loadOrError(() => api.demands.list(input)), loadOrError(() => api.orgs.tree())]);
	// The district and school filters offer what the caller can see.
	return {
		input,
		list,
		orgs: orgs.filter((o) => o.level === 'district' || o.level === 'school').map(({ id, name, level, path }) => ({ id, name, level, path }))
	};
};
