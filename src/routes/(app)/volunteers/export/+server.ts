import { requireSignIn } from '$lib/server/auth/guard';
import { xlsxResponse } from '$lib/features/spreadsheets/download';
import { listInputFromUrl } from '$lib/features/volunteers/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireSignIn(event, `/volunteers${event.url.search}`);
	return xlsxResponse(await loadOrError(() => serverCaller(event).spreadsheets.volunteers.export(listInputFromUrl(event.url))));
};
