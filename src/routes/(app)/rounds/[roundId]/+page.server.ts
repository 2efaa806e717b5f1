import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const roundId = event.params.roundId;
	const [round, timetable] = await loadOrError(() => Promise.all([api.rounds.get({ roundId }), api.scheduling.timetable({ roundId })]));
	const replans = round.manage ? await loadOrError(() => api.scheduling.replans({ roundId })) : [];
	return { round, timetable, replans };
};
