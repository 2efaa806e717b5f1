import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	code: event.params.code,
	invitation: await loadOrError(() => serverCaller(event).orgs.invitation({ code: event.params.code }))
});
