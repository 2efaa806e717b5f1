// The session a record procedure acts on, and how the caller relates to it; shared by every record procedure.
import { TRPCError } from '@trpc/server';
import { can, type Principal } from '$lib/server/auth/authorize';
import type { Db } from '$lib/server/db';
import type { AuthedContext } from '$lib/server/trpc/init';

async function loadSession(db: Db, sessionId: string) {
	return db.scheduledSession.findUnique({
		where: { id: sessionId },
		include: {
			org: { select: { id: true, name: true, path: true, districtId: true, rural: true } },
			demand: {
				select: { id: true, title: true, kind: true, topic: true, sessionMinutes: true, audienceSize: true, rural: true, leftBehind: true }
			},
			volunteers: { include: { volunteer: { select: { id: true, name: true, category: true } } } },
			record: { include: { evaluation: true } }
		}
	});
}
type LoadedSession = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

type Role = 'volunteer' | 'school' | 'coordinator';

/** How the caller relates to the session; a session beyond their reach looks missing. */
function rolesOn(principal: Principal, s: LoadedSession): Set<Role> {
	const roles = new Set<Role>();
	if (principal.volunteerId && s.volunteers.some((v) => v.volunteerId === principal.volunteerId)) roles.add('volunteer');
	if (can(principal, 'record.confirm', s.org.path)) roles.add('school');
	if (can(principal, 'record.correct', s.org.path)) roles.add('coordinator');
	return roles;
}

export async function sessionFor(ctx: AuthedContext, sessionId: string, allowed: Role[]) {
	const s = await loadSession(ctx.db, sessionId);
	const roles = s ? rolesOn(ctx.principal, s) : new Set<Role>();
	if (!s || !allowed.some((r) => roles.has(r))) throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
	return { s, roles };
}

export const recordView = (r: NonNullable<LoadedSession['record']>) => ({
	outcome: r.outcome,
	minutes: r.minutes,
	pupils: r.pupils,
	parents: r.parents,
	teachers: r.teachers,
	note: r.note,
	notHeldReason: r.notHeldReason,
	substituteName: r.substituteName,
	approval: r.approval,
	locked: r.locked,
	objection: r.objection
});
