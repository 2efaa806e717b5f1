// Who hears about a session: the round's coordinators (on the round's organisation or above
// it), the school's users, and the volunteers who have a login.
import type { Tx } from './load';

/** Organisation ids on a materialised path, root first. */
export const idsOnPath = (path: string) => path.split('/').filter(Boolean);

export async function coordinatorsOf(tx: Tx, orgPath: string): Promise<string[]> {
	const rows = await tx.membership.findMany({
		where: { role: { in: ['coordinator', 'admin'] }, active: true, orgId: { in: idsOnPath(orgPath) } },
		select: { userId: true }
	});
	return [...new Set(rows.map((r) => r.userId))];
}

export async function schoolUsersOf(tx: Tx, schoolIds: readonly string[]): Promise<Map<string, string[]>> {
	const rows = await tx.membership.findMany({
		where: { role: 'school', active: true, orgId: { in: [...schoolIds] } },
		select: { userId: true, orgId: true }
	});
	const out = new Map<string, string[]>();
	for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.userId]);
	return out;
}

export async function volunteerUsersOf(tx: Tx, volunteerIds: readonly string[]): Promise<Map<string, string>> {
	const rows = await tx.volunteerProfile.findMany({
		where: { id: { in: [...volunteerIds] }, userId: { not: null } },
		select: { id: true, userId: true }
	});
	return new Map(rows.map((r) => [r.id, r.userId!]));
}
