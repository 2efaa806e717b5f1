import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const [round, timetable] = await loadOrError(() =>
		Promise.all([api.rounds.get({ roundId: event.params.roundId }), api.scheduling.timetable({ roundId: event.params.roundId })])
	);
	return { round, timetable };
};
