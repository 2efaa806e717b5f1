import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

const STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;

export const load: PageServerLoad = async (event) => {
	const asked = event.url.searchParams.get('status');
	const status = STATUSES.find((s) => s === asked) ?? 'pending';
	return { status, rows: await loadOrError(() => serverCaller(event).volunteers.leaves({ status })) };
};
