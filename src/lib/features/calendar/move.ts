// Dragging a session to another time: the scheduling engine's own checker decides (the
// round's other dated sessions stay where they are); a refusal names the broken rule in the
// mover's language. An accepted move asks the volunteers again (session status rules), tells
// everyone affected, grows the sequence (phones update their copy) and is audited.
import { TRPCError } from '@trpc/server';
import type { Violation } from '$lib/features/scheduling/engine';
import { m } from '$lib/paraglide/messages';
import { fieldError } from '$lib/server/trpc/errors';
import { nextSessionStatus } from '$lib/domain/session-status';
import { checkPlacements } from '$lib/features/scheduling/engine';
import { buildInstance, localStartOf } from '$lib/features/scheduling/instance';
import { loadRoundRecords } from '$lib/features/scheduling/load';
import { coordinatorsOf, schoolUsersOf, volunteerUsersOf } from '$lib/features/scheduling/people';
import { recordAudit } from '$lib/server/audit';
import { can, type Principal } from '$lib/server/auth/authorize';
import type { Db } from '$lib/server/db';
import { withRoundLock } from '$lib/server/db/round-lock';
import { emitLive } from '$lib/server/live/bus';
import { notified, notify } from '$lib/server/live/notify';

type Locale = 'zh' | 'en';

/** The checker's rule in words, naming the session's volunteers and school. */
export function describeViolation(rule: Violation['rule'], names: { volunteers: string; school: string }, locale: Locale): string {
	const o = { locale };
	switch (rule) {
		case 'volunteer_leave':
			return m.calendar_rule_volunteer_leave(names, o);
		case 'volunteer_hours':
			return m.calendar_rule_volunteer_hours(names, o);
		case 'school_hours':
			return m.calendar_rule_school_hours(names, o);
		case 'school_blackout':
			return m.calendar_rule_school_blackout(names, o);
		case 'window':
			return m.calendar_rule_window({}, o);
		case 'horizon':
			return m.calendar_rule_horizon({}, o);
		case 'slot':
			return m.calendar_rule_slot({}, o);
		case 'overlap':
			return m.calendar_rule_overlap(names, o);
		case 'travel':
			return m.calendar_rule_travel(names, o);
		case 'rooms':
			return m.calendar_rule_rooms(names, o);
		case 'weekly_cap':
			return m.calendar_rule_weekly_cap(names, o);
		case 'series_order':
		case 'series_incomplete':
			return m.calendar_rule_series({}, o);
		default:
			return m.calendar_rule_other({}, o);
	}
}

export async function moveSession(
	db: Db,
	principal: Principal & { userId: string },
	input: { sessionId: string; startsAt: Date; sequence: number },
	locale: Locale = 'zh'
) {
	const found = await db.scheduledSession.findUnique({
		where: { id: input.sessionId },
		select: { roundId: true, org: { select: { path: true } } }
	});
	// Out of reach is reported exactly like missing.
	if (!found || !can(principal, 'round.manage', found.org.path))
		throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
	const told = await withRoundLock(db, found.roundId, async (tx) => {
		const s = await tx.scheduledSession.findUniqueOrThrow({
			where: { id: input.sessionId },
			select: {
				id: true,
				status: true,
				startsAt: true,
				endsAt: true,
				sequence: true,
				orgId: true,
				org: { select: { name: true } },
				round: { select: { org: { select: { path: true, id: true } } } },
				demand: { select: { title: true, sessionMinutes: true } },
				volunteers: { select: { volunteerId: true, assignmentId: true, volunteer: { select: { name: true } } } }
			}
		});
		if (s.sequence !== input.sequence) throw fieldError('sequence', m.calendar_move_stale({}, { locale }), 'CONFLICT');
		const status = nextSessionStatus(s.status, 'move');
		if (!status || !s.startsAt) throw fieldError('sessionId', m.calendar_move_not_movable({}, { locale }));
		const records = await loadRoundRecords(tx, found.roundId, [s.id]);
		const instance = buildInstance(records);
		const violations = checkPlacements(instance, [...instance.fixed, { session: s.id, start: localStartOf(input.startsAt) }]).filter((v) =>
			v.sessions.includes(s.id)
		);
		if (violations.length) {
			const names = { volunteers: s.volunteers.map((v) => v.volunteer.name).join('、'), school: s.org.name };
			const reasons = [...new Set(violations.map((v) => describeViolation(v.rule, names, locale)))];
			throw fieldError('startsAt', reasons.join(locale === 'en' ? '; ' : '；'));
		}
		const startsAt = input.startsAt;
		const endsAt = new Date(startsAt.getTime() + (s.endsAt ? s.endsAt.getTime() - s.startsAt.getTime() : s.demand.sessionMinutes * 60_000));
		await tx.scheduledSession.update({ where: { id: s.id }, data: { startsAt, endsAt, status, sequence: { increment: 1 } } });
		// As a re-plan's apply does: a yes was for the old time, so those who gave it are asked again
		// (their invitation waits for an answer; otherwise they could never accept the new time).
		const askAgain = s.volunteers.flatMap((v) => (v.assignmentId ? [v.assignmentId] : []));
		if (askAgain.length)
			await tx.assignment.updateMany({
				where: { id: { in: askAgain }, state: 'accepted' },
				data: { state: 'invited', respondedAt: null, updatedById: principal.userId }
			});
		await recordAudit(tx, {
			actorId: principal.userId,
			orgId: s.orgId,
			entity: 'scheduled_session',
			entityId: s.id,
			action: 'update',
			before: { startsAt: s.startsAt.toISOString(), status: s.status },
			after: { startsAt: startsAt.toISOString(), status }
		});
		const volunteers = await volunteerUsersOf(
			tx,
			s.volunteers.map((v) => v.volunteerId)
		);
		const school = (await schoolUsersOf(tx, [s.orgId])).get(s.orgId) ?? [];
		const coordinators = await coordinatorsOf(tx, s.round.org.path);
		const users = [...new Set([...volunteers.values(), ...school, ...coordinators])].filter((u) => u !== principal.userId);
		const payload = {
			href: `/sessions/${s.id}`,
			demandTitle: s.demand.title,
			schoolName: s.org.name,
			from: s.startsAt.toISOString(),
			to: startsAt.toISOString()
		};
		return notify(
			tx,
			users.map((userId) => ({ userId, kind: 'session.moved', payload }))
		);
	});
	emitLive({ type: 'sessions.changed', sessionIds: [input.sessionId] });
	notified(told);
	return { ok: true };
}
