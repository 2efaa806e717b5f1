import { redirect } from '@sveltejs/kit';
import { xlsxResponse } from '$lib/features/spreadsheets/download';
import { listInputFromUrl } from '$lib/features/volunteers/query';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(`/volunteers${event.url.search}`)}`);
	return xlsxResponse(await loadOrError(() => serverCaller(event).spreadsheets.volunteers.export(listInputFromUrl(event.url))));
};
