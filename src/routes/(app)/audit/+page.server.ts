import { auditFilters } from '$lib/features/audit/schemas';
import { getLocale } from '$lib/paraglide/runtime';
import { loadOrError, serverCaller } from '$lib/server/trpc/caller';
import { localizeIssues } from '$lib/validation/issues';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const api = serverCaller(event);
	const filters = Object.fromEntries([...event.url.searchParams].filter(([key, value]) => key !== 'page' && value.trim() !== ''));
	const page = event.url.searchParams.get('page');
	const facets = await loadOrError(() => api.audit.facets());
	// Bad filters in the address are explained under their fields, not as an error page.
	const parsed = auditFilters.safeParse({ ...filters, page: page === null ? undefined : Number(page) });
	if (!parsed.success) {
		const errors = Object.fromEntries(
			localizeIssues(parsed.error.issues, getLocale() === 'en' ? 'en' : 'zh').map((e) => [e.path, e.message])
		);
		return { filters, errors, log: null, facets };
	}
	return { filters, errors: {}, log: await loadOrError(() => api.audit.list(parsed.data)), facets };
};
