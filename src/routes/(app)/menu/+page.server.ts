import { error } from '@sveltejs/kit';
import { menuInput } from '$lib/features/offerings/schemas';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

/** The menu of the school the signed-in person works for (`?school=` picks one when they have several). */
export const load: PageServerLoad = async (event) => {
	const { viewer } = await event.parent();
	const schools = (viewer?.memberships ?? []).filter((g) => g.role === 'school');
	const q = event.url.searchParams;
	const school = schools.find((s) => s.orgId === q.get('school')) ?? schools[0];
	if (!school) error(403, 'school only');
	const parsed = menuInput.safeParse({
		orgId: school.orgId,
		search: q.get('q') ?? '',
		topic: q.get('topic') ?? undefined,
		kind: q.get('kind') ?? undefined,
		audience: q.get('audience') ?? undefined,
		mode: q.get('mode') ?? undefined,
		page: Number(q.get('page') ?? 1) || 1
	});
	const filters = parsed.success ? parsed.data : menuInput.parse({ orgId: school.orgId });
	const api = serverCaller(event);
	const [list, bookings] = await Promise.all([
		loadOrError(() => api.offerings.menu(filters)),
		loadOrError(() => api.offerings.bookings({ orgId: school.orgId }))
	]);
	return { school: { id: school.orgId, name: school.orgName }, filters, list, bookings };
};
