import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	return { session: await loadOrError(() => serverCaller(event).calendar.session({ id: event.params.id })) };
};
