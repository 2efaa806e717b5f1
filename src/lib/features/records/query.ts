// A report's scope and period in the address bar, so a report is a link that can be shared.
import { presetPeriods } from './domain';
import { today } from '$lib/domain/dates';

export function reportInputFromUrl(url: URL) {
	const fallback = presetPeriods(today()).year;
	return {
		scopeOrgId: url.searchParams.get('scope') || undefined,
		from: url.searchParams.get('from') || fallback.from,
		to: url.searchParams.get('to') || fallback.to
	};
}
