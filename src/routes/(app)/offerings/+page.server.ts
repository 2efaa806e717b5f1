import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

import { listOfferingsInput } from '$lib/features/offerings/schemas';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const parsed = listOfferingsInput.safeParse({
		status: q.get('status') ?? undefined,
		search: q.get('q') ?? '',
		page: Number(q.get('page') ?? 1) || 1
	});
	const input = parsed.success ? parsed.data : listOfferingsInput.parse({});
	return { list: await loadOrError(() => serverCaller(event).offerings.list(input)), status: input.status ?? null, search: input.search };
};
