import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const [rounds, orgs] = await loadOrError(() => Promise.all([api.rounds.list(), api.rounds.creatableIn()]));
	return { rounds, orgs };
};
