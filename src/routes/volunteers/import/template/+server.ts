import { redirect } from '@sveltejs/kit';
import { xlsxResponse } from '$lib/features/spreadsheets/download';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) redirect(303, '/login?next=/volunteers/import');
	return xlsxResponse(await loadOrError(() => serverCaller(event).spreadsheets.volunteers.template()));
};
