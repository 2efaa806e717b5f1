import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const orgs = await loadOrError(() => serverCaller(event).orgs.tree());
	const districts = orgs.filter((o) => o.level === 'district').map((o) => ({ id: o.id, name: o.name }));
	const committees = orgs.filter((o) => o.level === 'city' || o.level === 'district').map((o) => ({ id: o.id, name: o.name }));
	return { districts, committees };
};
