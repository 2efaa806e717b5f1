import { reportInputFromUrl } from '$lib/features/records/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const input = reportInputFromUrl(event.url);
	const api = serverCaller(event);
	const [report, shortlist, scopes] = await loadOrError(() =>
		Promise.all([api.reports.summary(input), api.reports.shortlist(input), api.reports.scopes()])
	);
	return { input, report, shortlist, scopes };
};
