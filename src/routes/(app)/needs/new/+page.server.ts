import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const orgs = await loadOrError(() => serverCaller(event).orgs.tree());
	return {
		schools: orgs
			.filter((o) => o.level === 'school' || o.level === 'village_group')
			.map((o) => ({ id: o.id, name: o.name, rural: o.rural }))
	};
};
