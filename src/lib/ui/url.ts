// List pages keep their filters in the URL; this applies a change to the current URL.
import { goto } from '$app/navigation';

/** Sets (or, for null/empty, removes) query parameters; any change but paging goes back to page 1. */
export function navigateQuery(current: URL, changes: Record<string, string | number | null>) {
	const url = new URL(current);
	for (const [k, v] of Object.entries(changes)) {
		if (v === null || v === '') url.searchParams.delete(k);
		else url.searchParams.set(k, String(v));
	}
	if (!('page' in changes)) url.searchParams.delete('page');
	return goto(url, { keepFocus: true, noScroll: true });
}
