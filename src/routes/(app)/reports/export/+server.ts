import { requireSignIn } from '$lib/server/auth/guard';
import { xlsxResponse } from '$lib/features/spreadsheets/download';
import { reportInputFromUrl } from '$lib/features/records/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireSignIn(event, `/reports${event.url.search}`);
	return xlsxResponse(await loadOrError(() => serverCaller(event).reports.export(reportInputFromUrl(event.url))));
};
