import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	return { offering: await loadOrError(() => serverCaller(event).offerings.get({ id: event.params.id })) };
};
