import { requireSignIn } from '$lib/server/auth/guard';
import { xlsxResponse } from '$lib/features/spreadsheets/download';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	requireSignIn(event);
	return xlsxResponse(await loadOrError(() => serverCaller(event).spreadsheets.demands.template()));
};
