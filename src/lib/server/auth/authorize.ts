// The one answer to "may this user do X on organisation O". A membership grants its role
// on its organisation and the whole subtree below it (paths are materialised, so "below"
// is a prefix test). Volunteers act on what concerns them through separate ownership checks.
import type { Db } from '../db';
import { PERMISSIONS, type Action } from '$lib/domain/permissions';
import type { RoleCode } from '$lib/domain/vocabulary';

export { PERMISSIONS, type Action } from '$lib/domain/permissions';

export interface Grant {
	orgId: string;
	path: string;
	role: RoleCode;
}

export interface Principal {
	userId: string;
	grants: Grant[];
	/** The volunteer profile this user is, if any. */
	volunteerId: string | null;
}

/** Memberships that grant anything: switched on, in an organisation that is switched on. */
const WORKING_MEMBERSHIP = { active: true, org: { active: true } } as const;

/** A user's grants, to be read along with the user in one query (see `principalOfUser`). */
export const principalSelect = {
	memberships: { where: WORKING_MEMBERSHIP, select: { orgId: true, role: true, org: { select: { path: true } } } },
	volunteer: { select: { id: true } }
} as const;

export function principalOfUser(user: {
	id: string;
	memberships: { orgId: string; role: RoleCode; org: { path: string } }[];
	volunteer: { id: string } | null;
}): Principal {
	return {
		userId: user.id,
		grants: user.memberships.map((m) => ({ orgId: m.orgId, path: m.org.path, role: m.role })),
		volunteerId: user.volunteer?.id ?? null
	};
}

export async function loadPrincipal(db: Db, userId: string): Promise<Principal> {
	const [memberships, volunteer] = await Promise.all([
		db.membership.findMany({
			where: { userId, ...WORKING_MEMBERSHIP },
			select: { orgId: true, role: true, org: { select: { path: true } } }
		}),
		db.volunteerProfile.findUnique({ where: { userId }, select: { id: true } })
	]);
	return {
		userId,
		grants: memberships.map((m) => ({ orgId: m.orgId, path: m.org.path, role: m.role })),
		volunteerId: volunteer?.id ?? null
	};
}

function grantsFor(principal: Pick<Principal, 'grants'>, action: Action): Grant[] {
	const roles: readonly RoleCode[] = PERMISSIONS[action];
	return principal.grants.filter((g) => roles.includes(g.role));
}

/** May the principal do `action` on the organisation at `orgPath`? */
export function can(principal: Pick<Principal, 'grants'>, action: Action, orgPath: string): boolean {
	return grantsFor(principal, action).some((g) => orgPath.startsWith(g.path));
}

/**
 * The subtree roots where `action` is allowed, minimal (no root inside another), for
 * building `path startsWith` filters in list queries. Empty means nothing is visible.
 */
export function scopeRoots(principal: Principal, action: Action): string[] {
	const paths = [...new Set(grantsFor(principal, action).map((g) => g.path))].sort((a, b) => a.length - b.length);
	return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** Prisma `where` fragment on an organisation relation limited to the allowed subtrees. */
export function orgScope(principal: Principal, action: Action) {
	const roots = scopeRoots(principal, action);
	return { OR: roots.length ? roots.map((r) => ({ path: { startsWith: r } })) : [{ id: '' }] };
}

export type BoardAccess = 'edit' | 'read' | null;

export function boardAccess(principal: Pick<Principal, 'grants'>, roundOrgPath: string): BoardAccess {
	if (can(principal, 'board.edit', roundOrgPath)) return 'edit';
	if (can(principal, 'board.view', roundOrgPath)) return 'read';
	return null;
}

/** Board access of a user to a round, loading what it needs. */
export async function boardAccessForRound(db: Db, userId: string, roundId: string): Promise<BoardAccess> {
	const round = await db.matchingRound.findUnique({
		where: { id: roundId },
		select: { org: { select: { path: true } } }
	});
	if (!round) return null;
	return boardAccess(await loadPrincipal(db, userId), round.org.path);
}

/**
 * Board access of many users to rounds at once, in two queries (the board server's
 * re-check of its open sockets). Answers in the order of `pairs`.
 */
export async function boardAccessMany(db: Db, pairs: readonly { userId: string; roundId: string }[]): Promise<BoardAccess[]> {
	if (pairs.length === 0) return [];
	const [rounds, memberships] = await Promise.all([
		db.matchingRound.findMany({
			where: { id: { in: [...new Set(pairs.map((p) => p.roundId))] } },
			select: { id: true, org: { select: { path: true } } }
		}),
		db.membership.findMany({
			where: { userId: { in: [...new Set(pairs.map((p) => p.userId))] }, ...WORKING_MEMBERSHIP },
			select: { userId: true, orgId: true, role: true, org: { select: { path: true } } }
		})
	]);
	const roundPaths = new Map(rounds.map((r) => [r.id, r.org.path]));
	const grants = new Map<string, Grant[]>();
	for (const m of memberships) {
		const list = grants.get(m.userId) ?? [];
		list.push({ orgId: m.orgId, path: m.org.path, role: m.role });
		grants.set(m.userId, list);
	}
	return pairs.map((p) => {
		const path = roundPaths.get(p.roundId);
		return path === undefined ? null : boardAccess({ grants: grants.get(p.userId) ?? [] }, path);
	});
}
