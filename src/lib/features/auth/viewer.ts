// What every page knows about the signed-in person: name, locale and roles, for the nav.
import type { RoleCode } from '$lib/domain/vocabulary';
import type { Db } from '$lib/server/db';
import type { SessionUser } from '$lib/server/auth/session';

export interface Viewer {
	id: string;
	displayName: string;
	username: string;
	roles: RoleCode[];
	memberships: { role: RoleCode; orgId: string; orgName: string; level: string }[];
}

export async function loadViewer(db: Db, user: SessionUser | null): Promise<Viewer | null> {
	if (!user) return null;
	const memberships = await db.membership.findMany({
		where: { userId: user.id, active: true, org: { active: true } },
		select: { role: true, org: { select: { id: true, name: true, level: true } } }
	});
	return {
		id: user.id,
		displayName: user.displayName,
		username: user.username,
		roles: [...new Set(memberships.map((m) => m.role))],
		memberships: memberships.map((m) => ({ role: m.role, orgId: m.org.id, orgName: m.org.name, level: m.org.level }))
	};
}
