// A report's scope and period in the address bar, so a report is a link that can be shared.
import { presetPeriods, shanghaiDay } from './domain';

export function reportInputFromUrl(url: URL) {
	const fallback = presetPeriods(shanghaiDay(new Date())).year;
	return {
		scopeOrgId: url.searchParams.get('scope') || undefined,
		from: url.searchParams.get('from') || fallback.from,
		to: url.searchParams.get('to') || fallback.to
	};
}
