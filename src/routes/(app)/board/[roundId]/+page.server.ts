import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const board = await loadOrError(() => serverCaller(event).board.open({ roundId: event.params.roundId }));
	return { board };
};
