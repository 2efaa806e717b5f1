import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	return { need: await loadOrError(() => serverCaller(event).demands.get({ id: event.params.id })) };
};
