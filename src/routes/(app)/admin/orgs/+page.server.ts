import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const tree = await loadOrError(() => api.orgs.tree({ includeInactive: true }));
	// Without a choice, the top of what the viewer can see is shown.
	const orgId = event.url.searchParams.get('org') ?? tree.find((o) => o.active && !tree.some((p) => p.id === o.parentId))?.id;
	if (!orgId) return { tree, detail: null, members: null, invitations: null, travel: null };
	const detail = await loadOrError(() => api.orgs.detail({ orgId }));
	const [members, invitations, travel] = await Promise.all([
		detail.can.invite ? loadOrError(() => api.orgs.members({ orgId })) : null,
		detail.can.invite ? loadOrError(() => api.orgs.invitations({ orgId })) : null,
		detail.org.level === 'city' ? loadOrError(() => api.orgs.travelMatrix({ orgId })) : null
	]);
	return { tree, detail, members, invitations, travel };
};
