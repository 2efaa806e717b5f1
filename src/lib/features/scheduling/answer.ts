// Answers to an invitation (a volunteer's seat on one need: every session of its series) and
// the school's confirmation. Each answer names the `sequence` of every session as the person
// saw it; the writes are conditional on it, so when two people act on one session at once
// (a volunteer accepting while a re-plan moves it, two school users confirming) one wins and
// the other is told the session changed under them. Status changes go through
// `nextSessionStatus`.
import { TRPCError } from '@trpc/server';
import { fieldError } from '$lib/server/trpc/errors';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import { withRoundLock } from '$lib/server/db/round-lock';
import { emitLive } from '$lib/server/live/bus';
import { notify, notified, type NotificationInput } from '$lib/server/live/notify';
import { nextSessionStatus, type SessionAction } from '$lib/domain/session-status';
import type { Tx } from './load';
import { coordinatorsOf, volunteerUsersOf } from './people';
import type { UnscheduledReason } from './reasons';
import type { DeclineReason } from './schemas';

/** The session moved, was answered or confirmed by someone else since the caller looked. */
const changedUnderYou = () => new TRPCError({ code: 'CONFLICT', message: m.sched_error_changed() });

/** Moves one session by `action` if it still has the sequence the caller saw. */
async function step(
	tx: Tx,
	session: { id: string; status: Parameters<typeof nextSessionStatus>[0] },
	seen: number,
	action: SessionAction,
	data: Record<string, unknown> = {}
) {
	const to = nextSessionStatus(session.status, action);
	if (!to) throw fieldError('sessionId', m.sched_error_status(), 'CONFLICT');
	const done = await tx.scheduledSession.updateMany({
		where: { id: session.id, sequence: seen, status: session.status },
		data: { ...data, status: to, sequence: { increment: 1 } }
	});
	if (done.count === 0) throw changedUnderYou();
	return to;
}

async function loadSeat(tx: Tx, assignmentId: string, volunteerId: string) {
	const a = await tx.assignment.findFirst({
		where: { id: assignmentId, volunteerId },
		include: {
			volunteer: { select: { name: true } },
			demand: { select: { id: true, title: true, org: { select: { name: true } } } },
			round: { select: { id: true, orgId: true, org: { select: { path: true } } } }
		}
	});
	if (!a) throw new TRPCError({ code: 'NOT_FOUND', message: 'assignmentId: no such invitation' });
	const sessions = await tx.scheduledSession.findMany({
		where: { volunteers: { some: { assignmentId } }, status: { in: ['planned', 'accepted', 'confirmed'] } },
		select: { id: true, status: true, sequence: true, startsAt: true, orgId: true, volunteers: { select: { assignmentId: true } } },
		orderBy: { startsAt: 'asc' }
	});
	return { a, sessions };
}

function checkSeen(sessions: { id: string; sequence: number }[], seen: Record<string, number>) {
	const ids = Object.keys(seen);
	if (ids.length !== sessions.length || sessions.some((s) => seen[s.id] !== s.sequence)) throw changedUnderYou();
}

export async function acceptInvitation(
	db: Db,
	input: { assignmentId: string; volunteerId: string; actorId: string; seen: Record<string, number> }
) {
	let users: string[] = [];
	const roundId = (await db.assignment.findUnique({ where: { id: input.assignmentId }, select: { roundId: true } }))?.roundId ?? 'none';
	const changed = await withRoundLock(db, roundId, async (tx) => {
		const { a, sessions } = await loadSeat(tx, input.assignmentId, input.volunteerId);
		if (a.state !== 'invited') throw fieldError('assignmentId', m.sched_error_answered(), 'CONFLICT');
		checkSeen(sessions, input.seen);
		await tx.assignment.update({ where: { id: a.id }, data: { state: 'accepted', respondedAt: new Date(), updatedById: input.actorId } });
		const others = await tx.assignment.findMany({
			where: { id: { in: sessions.flatMap((s) => s.volunteers.map((v) => v.assignmentId ?? '')) } },
			select: { id: true, state: true }
		});
		const accepted = new Set(others.filter((o) => o.state === 'accepted' || o.id === a.id).map((o) => o.id));
		for (const s of sessions) {
			const everyone = s.volunteers.every((v) => v.assignmentId && accepted.has(v.assignmentId));
			if (everyone && s.status === 'planned') await step(tx, s, input.seen[s.id], 'accept');
			else {
				const done = await tx.scheduledSession.updateMany({
					where: { id: s.id, sequence: input.seen[s.id] },
					data: { sequence: { increment: 1 } }
				});
				if (done.count === 0) throw changedUnderYou();
			}
		}
		users = await notify(
			tx,
			(await coordinatorsOf(tx, a.round.org.path)).map((userId) => ({
				userId,
				kind: 'invitation.accepted',
				payload: { href: `/rounds/${a.round.id}`, volunteerName: a.volunteer.name, demandTitle: a.demand.title }
			}))
		);
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: a.round.orgId,
			entity: 'assignment',
			entityId: a.id,
			action: 'accept',
			before: { state: a.state },
			after: { state: 'accepted' }
		});
		return sessions.map((s) => s.id);
	});
	emitLive({ type: 'sessions.changed', sessionIds: changed });
	notified(users);
	return { ok: true };
}

/**
 * Declining frees the seat: the volunteer leaves the need's sessions, which wait undated
 * (keeping their published date, the re-plan's `previous`) until a substitute is picked.
 */
export async function declineInvitation(
	db: Db,
	input: { assignmentId: string; volunteerId: string; actorId: string; seen: Record<string, number>; reason: DeclineReason; note: string }
) {
	let users: string[] = [];
	const roundId = (await db.assignment.findUnique({ where: { id: input.assignmentId }, select: { roundId: true } }))?.roundId ?? 'none';
	const changed = await withRoundLock(db, roundId, async (tx) => {
		const { a, sessions } = await loadSeat(tx, input.assignmentId, input.volunteerId);
		if (a.state !== 'invited' && a.state !== 'accepted') throw fieldError('assignmentId', m.sched_error_answered(), 'CONFLICT');
		checkSeen(sessions, input.seen);
		const reason: UnscheduledReason = { kind: 'declined', volunteerId: input.volunteerId, reason: input.reason, note: input.note };
		for (const s of sessions) await step(tx, s, input.seen[s.id], 'decline', { unscheduledReason: JSON.stringify(reason) });
		await tx.sessionVolunteer.deleteMany({ where: { assignmentId: a.id } });
		await tx.assignment.update({
			where: { id: a.id },
			data: {
				state: 'declined',
				declineReason: input.note ? `${input.reason}: ${input.note}` : input.reason,
				respondedAt: new Date(),
				updatedById: input.actorId
			}
		});
		await tx.demand.updateMany({ where: { id: a.demand.id, status: { in: ['matched', 'scheduled'] } }, data: { status: 'open' } });
		const items: NotificationInput[] = (await coordinatorsOf(tx, a.round.org.path)).map((userId) => ({
			userId,
			kind: 'invitation.declined',
			payload: {
				href: `/rounds/${a.round.id}`,
				volunteerName: a.volunteer.name,
				demandTitle: a.demand.title,
				reason: input.note || input.reason
			}
		}));
		users = await notify(tx, items);
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: a.round.orgId,
			entity: 'assignment',
			entityId: a.id,
			action: 'decline',
			before: { state: a.state },
			after: { state: 'declined', reason: input.reason, note: input.note }
		});
		return sessions.map((s) => s.id);
	});
	emitLive({ type: 'sessions.changed', sessionIds: changed });
	notified(users);
	return { ok: true };
}

/** The school confirms an accepted session; everyone on it hears. */
export async function confirmSession(db: Db, input: { sessionId: string; seen: number; actorId: string }) {
	let users: string[] = [];
	const found = await db.scheduledSession.findUnique({ where: { id: input.sessionId }, select: { roundId: true } });
	if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
	await withRoundLock(db, found.roundId, async (tx) => {
		const s = await tx.scheduledSession.findUniqueOrThrow({
			where: { id: input.sessionId },
			select: {
				id: true,
				status: true,
				startsAt: true,
				orgId: true,
				roundId: true,
				round: { select: { org: { select: { path: true } } } },
				demand: { select: { title: true, org: { select: { name: true } } } },
				volunteers: { select: { volunteerId: true } }
			}
		});
		if (s.status !== 'accepted') throw fieldError('sessionId', m.sched_error_not_accepted(), 'CONFLICT');
		await step(tx, s, input.seen, 'confirm', { confirmedAt: new Date(), confirmedById: input.actorId });
		const volunteerUsers = [
			...(
				await volunteerUsersOf(
					tx,
					s.volunteers.map((v) => v.volunteerId)
				)
			).values()
		];
		const payload = {
			href: `/sessions/${s.id}`,
			demandTitle: s.demand.title,
			schoolName: s.demand.org.name,
			startsAt: s.startsAt?.toISOString()
		};
		users = await notify(
			tx,
			[...new Set([...volunteerUsers, ...(await coordinatorsOf(tx, s.round.org.path))])].map((userId) => ({
				userId,
				kind: 'session.confirmed',
				payload
			}))
		);
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: s.orgId,
			entity: 'session',
			entityId: s.id,
			action: 'confirm',
			before: { status: 'accepted' },
			after: { status: 'confirmed' }
		});
	});
	emitLive({ type: 'sessions.changed', sessionIds: [input.sessionId] });
	notified(users);
	return { ok: true };
}
