// The resource list's filters live in the URL, so a filtered view can be shared.
import { listVolunteersInput, type ListVolunteersInput } from './schemas';

export function listInputFromUrl(url: URL): ListVolunteersInput {
	const p = url.searchParams;
	const parsed = listVolunteersInput.safeParse({
		page: p.get('page') ? Number(p.get('page')) : undefined,
		sort: p.get('sort') ?? undefined,
		direction: p.get('dir') ?? undefined,
		search: p.get('q') ?? undefined,
		districtId: p.get('district') || undefined,
		topic: p.get('topic') || undefined,
		category: p.get('category') || undefined,
		availableOn: p.get('on') || undefined,
		onLeave: p.get('leave') === '1' ? true : undefined
	});
	return parsed.success ? parsed.data : {};
}
