// Every page of the app proper needs a signed-in user; the sign-in, invitation and feed
// routes live outside this group.
import { requireSignIn } from '$lib/server/auth/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = (event) => {
	requireSignIn(event);
};
