import { error } from '@sveltejs/kit';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import type { PageServerLoad } from './$types';

/** A coordinator adds an offering for the veteran named in `?volunteer=`. */
export const load: PageServerLoad = async (event) => {
	const volunteerId = event.url.searchParams.get('volunteer');
	if (!volunteerId) error(404);
	const profile = await loadOrError(() => serverCaller(event).volunteers.profile({ volunteerId }));
	return { volunteer: { id: profile.id, name: profile.fields.name } };
};
