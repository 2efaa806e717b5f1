import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	return { rounds: await loadOrError(() => serverCaller(event).board.rounds()) };
};
