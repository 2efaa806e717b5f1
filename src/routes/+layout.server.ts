import { loadViewer } from '$lib/features/auth/viewer';
import { getDb } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => ({
	viewer: await loadViewer(getDb(), locals.user)
});
