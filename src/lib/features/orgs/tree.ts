// The flat, path-ordered organisation list as a tree for display. A node whose parent the
// viewer cannot see becomes a root, so a district coordinator's tree starts at the district.
export interface FlatOrg {
	id: string;
	parentId: string | null;
	name: string;
	initials: string;
	active: boolean;
}

export interface OrgNode<T extends FlatOrg> {
	org: T;
	depth: number;
	children: OrgNode<T>[];
}

export function buildOrgTree<T extends FlatOrg>(orgs: readonly T[]): OrgNode<T>[] {
	const nodes = new Map(orgs.map((org) => [org.id, { org, depth: 0, children: [] as OrgNode<T>[] }]));
	const roots: OrgNode<T>[] = [];
	for (const node of nodes.values()) {
		const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
		(parent ? parent.children : roots).push(node);
	}
	const setDepth = (list: OrgNode<T>[], depth: number) => {
		for (const n of list) {
			n.depth = depth;
			setDepth(n.children, depth + 1);
		}
	};
	setDepth(roots, 0);
	return roots;
}

/** Ids of the organisation and everything above it that the viewer can see. */
export function ancestorIds(orgs: readonly FlatOrg[], id: string | null): string[] {
	const byId = new Map(orgs.map((o) => [o.id, o]));
	const ids: string[] = [];
	for (let cur = id ? byId.get(id) : undefined; cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) ids.push(cur.id);
	return ids;
}

/** Does the name match what was typed: part of the Chinese name or its pinyin initials. */
export function matchesQuery(org: FlatOrg, query: string): boolean {
	const q = query.trim().toLowerCase();
	return !q || org.name.toLowerCase().includes(q) || org.initials.includes(q);
}

/**
 * Ids to show for a search: the matches and their ancestors (so the match has context);
 * null when there is no search.
 */
export function visibleForQuery(orgs: readonly FlatOrg[], query: string): Set<string> | null {
	if (!query.trim()) return null;
	const shown = new Set<string>();
	for (const org of orgs) if (matchesQuery(org, query)) for (const id of ancestorIds(orgs, org.id)) shown.add(id);
	return shown;
}
