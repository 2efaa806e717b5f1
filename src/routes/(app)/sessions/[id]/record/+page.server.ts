import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	return { form: await loadOrError(() => serverCaller(event).records.form({ sessionId: event.params.id })) };
};
