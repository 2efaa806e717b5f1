// The list's state lives in the URL, so a filtered page can be bookmarked and shared.
import { listDemandsInput, type ListDemandsInput } from './schemas';

export function listInputFromUrl(url: URL): ListDemandsInput {
	const p = url.searchParams;
	const num = (k: string) => (p.get(k) ? Number(p.get(k)) : undefined);
	const parsed = listDemandsInput.safeParse({
		page: num('page'),
		pageSize: num('size'),
		sort: p.get('sort') ?? undefined,
		direction: p.get('dir') ?? undefined,
		search: p.get('q') ?? undefined,
		orgId: p.get('school') || undefined,
		districtId: p.get('district') || undefined,
		kind: p.get('kind') || undefined,
		topic: p.get('topic') || undefined,
		status: p.get('status') || undefined,
		priority: num('priority')
	});
	// A hand-edited URL falls back to the first page rather than an error page.
	return parsed.success ? parsed.data : {};
}
