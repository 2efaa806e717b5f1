// What a coordinator or a school asks of one dated session: cancel it, or find it another
// date (which proposes a re-plan of that session only).
import { TRPCError } from '@trpc/server';
import { nextSessionStatus } from '$lib/domain/session-status';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { fieldError } from '$lib/server/trpc/errors';
import type { Db } from '$lib/server/db';
import { withRoundLock } from '$lib/server/db/round-lock';
import { emitLive } from '$lib/server/live/bus';
import { notify, notified } from '$lib/server/live/notify';
import { coordinatorsOf, schoolUsersOf, volunteerUsersOf } from './people';
import { parseReason } from './reasons';
import { iso } from './replan-changes';
import { proposeReplan, sessionsAwaitingDate } from './replan-propose';
import { sessionInfo } from './replan-apply';

/** A coordinator cancels a session; the round's left-out sessions it freed room for are re-planned. */
export async function cancelSession(db: Db, input: { sessionId: string; roundId: string; seen: number; reason: string; actorId: string }) {
	let users: string[] = [];
	const replanId = await withRoundLock(db, input.roundId, async (tx) => {
		const s = await tx.scheduledSession.findUniqueOrThrow({ where: { id: input.sessionId }, select: sessionInfo });
		const to = nextSessionStatus(s.status, 'cancel');
		if (!to) throw fieldError('sessionId', m.sched_error_status(), 'CONFLICT');
		const done = await tx.scheduledSession.updateMany({
			where: { id: s.id, sequence: input.seen, status: s.status },
			data: { status: to, cancelReason: input.reason, sequence: { increment: 1 } }
		});
		if (done.count === 0) throw new TRPCError({ code: 'CONFLICT', message: m.sched_error_changed() });
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: s.orgId,
			entity: 'session',
			entityId: s.id,
			action: 'cancel',
			before: { status: s.status },
			after: { status: to, reason: input.reason }
		});
		const volunteerUsers = await volunteerUsersOf(
			tx,
			s.volunteers.map((v) => v.volunteerId)
		);
		const told =
			s.status === 'draft'
				? []
				: [...volunteerUsers.values(), ...((await schoolUsersOf(tx, [s.orgId])).get(s.orgId) ?? [])].filter((u) => u !== input.actorId);
		users = await notify(
			tx,
			[...new Set(told)].map((userId) => ({
				userId,
				kind: 'session.cancelled',
				payload: {
					href: `/sessions/${s.id}`,
					demandTitle: s.demand.title,
					schoolName: s.demand.org.name,
					startsAt: iso(s.startsAt),
					reason: input.reason
				}
			}))
		);
		// Left out for want of room, time or a free volunteer: the cancellation may have made some.
		const waiting = await tx.scheduledSession.findMany({
			where: {
				roundId: input.roundId,
				status: 'unscheduled',
				OR: [{ orgId: s.orgId }, { volunteers: { some: { volunteerId: { in: s.volunteers.map((v) => v.volunteerId) } } } }]
			},
			select: { id: true, unscheduledReason: true }
		});
		const ids = waiting.filter((w) => parseReason(w.unscheduledReason)?.kind === 'engine').map((w) => w.id);
		const made = await proposeReplan(tx, {
			roundId: input.roundId,
			trigger: 'cancel',
			triggerInfo: { demandTitle: s.demand.title, schoolName: s.demand.org.name, startsAt: iso(s.startsAt) },
			sessionIds: ids,
			actorId: input.actorId
		});
		users.push(...(made?.users ?? []));
		return made?.replanId ?? null;
	});
	emitLive({ type: 'sessions.changed', sessionIds: [input.sessionId] });
	notified(users);
	return { ok: true, replanId };
}

/**
 * The school, instead of confirming an accepted session, asks for another date: that
 * session alone is re-planned to a later day, as a proposal the coordinators apply.
 */
export async function requestAnotherDate(
	db: Db,
	input: { sessionId: string; roundId: string; seen: number; note: string; actorId: string }
) {
	let users: string[] = [];
	const replanId = await withRoundLock(db, input.roundId, async (tx) => {
		const s = await tx.scheduledSession.findUniqueOrThrow({
			where: { id: input.sessionId },
			select: { ...sessionInfo, round: { select: { org: { select: { path: true } } } } }
		});
		if (s.sequence !== input.seen) throw new TRPCError({ code: 'CONFLICT', message: m.sched_error_changed() });
		if (s.status !== 'accepted' || !s.startsAt) throw fieldError('sessionId', m.sched_error_not_accepted(), 'CONFLICT');
		if ((await sessionsAwaitingDate(tx, [input.roundId])).has(s.id))
			throw fieldError('sessionId', m.sched_replan_error_already_asked(), 'CONFLICT');
		const made = await proposeReplan(tx, {
			roundId: input.roundId,
			trigger: 'date_request',
			triggerInfo: { sessionId: s.id, schoolName: s.demand.org.name, demandTitle: s.demand.title, note: input.note },
			sessionIds: [s.id],
			laterThan: new Map([[s.id, s.startsAt]]),
			actorId: input.actorId
		});
		if (!made) throw fieldError('sessionId', m.sched_replan_error_nothing());
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: s.orgId,
			entity: 'session',
			entityId: s.id,
			action: 'request_date',
			after: { replanId: made.replanId, note: input.note }
		});
		const coordinators = await coordinatorsOf(tx, s.round.org.path);
		users = [
			...made.users,
			...(await notify(
				tx,
				coordinators.map((userId) => ({
					userId,
					kind: 'session.date_requested',
					payload: {
						href: `/rounds/${input.roundId}`,
						schoolName: s.demand.org.name,
						demandTitle: s.demand.title,
						startsAt: iso(s.startsAt),
						reason: input.note
					}
				}))
			))
		];
		return made.replanId;
	});
	notified(users);
	return { replanId };
}
