import { requireSignIn } from '$lib/server/auth/guard';
import { listInputFromUrl } from '$lib/features/demands/query';
import { xlsxResponse } from '$lib/features/spreadsheets/download';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireSignIn(event, `/needs${event.url.search}`);
	return xlsxResponse(await loadOrError(() => serverCaller(event).spreadsheets.demands.export(listInputFromUrl(event.url))));
};
