import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	return { invitation: await loadOrError(() => serverCaller(event).scheduling.invitation({ assignmentId: event.params.assignmentId })) };
};
