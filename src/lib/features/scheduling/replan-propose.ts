// Re-planning that moves as little as possible. A trigger (a decline with its substitute,
// approved leave, a school's new blackout, a cancellation, a school asking for another date)
// names the affected sessions; only those go back to the engine, with their published
// starts as `previous`, everything else dated stays fixed. The result is stored as a
// proposal (`Replan`) holding each session's `sequence` as it was; a coordinator reads it as
// a difference and applies it in one transaction under the round's lock. A proposal whose
// sessions changed since (an answer, a drag, another re-plan) is marked stale and refused.
// This file proposes (for each trigger); replan-apply.ts applies or discards.
import { TRPCError } from '@trpc/server';
import { addDays, fromWallClock } from '$lib/domain/dates';
import { ACTIVE_SESSION_STATUSES } from '$lib/domain/session-status';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { fieldError } from '$lib/server/trpc/errors';
import type { Db } from '$lib/server/db';
import { withRoundLock } from '$lib/server/db/round-lock';
import { notify, notified } from '$lib/server/live/notify';
import { type Tx } from './load';
import { coordinatorsOf } from './people';
import { parseReason } from './reasons';
import { computeChanges, changesSomething, kindOf, type ReplanChanges, type ReplanTrigger } from './replan-changes';

/**
 * Stores a proposal (inside the caller's round lock) and tells the round's coordinators.
 * Returns null when the engine would change nothing.
 */
export async function proposeReplan(
	tx: Tx,
	input: {
		roundId: string;
		trigger: ReplanTrigger;
		triggerInfo: Record<string, unknown>;
		sessionIds: readonly string[];
		substitute?: { volunteerId: string; demandId: string };
		laterThan?: ReadonlyMap<string, Date>;
		actorId: string;
	}
): Promise<{ replanId: string; users: string[] } | null> {
	if (!input.sessionIds.length) return null;
	const substitute = input.substitute ?? null;
	const extraSeat = substitute
		? {
				volunteerId: substitute.volunteerId,
				sessionIds: (
					await tx.scheduledSession.findMany({
						where: { id: { in: [...input.sessionIds] }, demandId: substitute.demandId },
						select: { id: true }
					})
				).map((s) => s.id)
			}
		: undefined;
	const sessions = await computeChanges(tx, input.roundId, input.sessionIds, { extraSeat, laterThan: input.laterThan });
	if (!changesSomething(sessions, substitute)) return null;
	const round = await tx.matchingRound.findUniqueOrThrow({
		where: { id: input.roundId },
		select: { name: true, orgId: true, org: { select: { path: true } } }
	});
	const changes: ReplanChanges = { sessions, substitute };
	const replan = await tx.replan.create({
		data: {
			roundId: input.roundId,
			trigger: input.trigger,
			triggerInfo: JSON.stringify(input.triggerInfo),
			changes: JSON.stringify(changes),
			createdById: input.actorId
		},
		select: { id: true }
	});
	await recordAudit(tx, {
		actorId: input.actorId,
		orgId: round.orgId,
		entity: 'replan',
		entityId: replan.id,
		action: 'propose',
		after: { trigger: input.trigger, sessions: sessions.map((s) => ({ id: s.sessionId, kind: kindOf(s) })), substitute }
	});
	const coordinators = (await coordinatorsOf(tx, round.org.path)).filter((u) => u !== input.actorId);
	const users = await notify(
		tx,
		coordinators.map((userId) => ({
			userId,
			kind: 'replan.proposed',
			payload: { href: `/rounds/${input.roundId}`, roundName: round.name, sessions: sessions.length }
		}))
	);
	return { replanId: replan.id, users };
}

/** The sessions a declined seat left undated (they keep their published dates as `previous`). */
export async function declinedSessionsOf(tx: Pick<Tx, 'scheduledSession'>, demandId: string, volunteerId: string) {
	const rows = await tx.scheduledSession.findMany({
		where: { demandId, status: 'unscheduled' },
		select: { id: true, unscheduledReason: true }
	});
	return rows
		.filter((r) => {
			const reason = parseReason(r.unscheduledReason);
			return reason?.kind === 'declined' && reason.volunteerId === volunteerId;
		})
		.map((r) => r.id);
}

/** After the commit that changed the inputs: one proposal per round with affected sessions. */
async function proposeByRound(
	db: Db,
	sessions: readonly { id: string; roundId: string }[],
	trigger: ReplanTrigger,
	triggerInfo: Record<string, unknown>,
	actorId: string
) {
	const byRound = new Map<string, string[]>();
	for (const s of sessions) byRound.set(s.roundId, [...(byRound.get(s.roundId) ?? []), s.id]);
	const proposals: string[] = [];
	for (const [roundId, ids] of byRound) {
		try {
			const made = await withRoundLock(db, roundId, (tx) => proposeReplan(tx, { roundId, trigger, triggerInfo, sessionIds: ids, actorId }));
			if (made) {
				proposals.push(made.replanId);
				notified(made.users);
			}
		} catch (e) {
			// The leave or blackout is already saved and its sessions stay where they are, on the
			// timetable; whoever saved it is not to blame, so their request does not fail.
			console.error(`re-plan after ${trigger} failed for round ${roundId}`, e);
		}
	}
	return proposals;
}

/** Dated, still active sessions whose Shanghai day falls in [from, to] (days, inclusive). */
async function activeSessionsOn(
	db: Db,
	where: { orgId?: string; volunteerId?: string },
	from: string,
	to: string
): Promise<{ id: string; roundId: string }[]> {
	const rows = await db.scheduledSession.findMany({
		where: {
			status: { in: [...ACTIVE_SESSION_STATUSES] },
			startsAt: { gte: fromWallClock(from, 0), lt: fromWallClock(addDays(to, 1), 0) },
			...(where.orgId ? { orgId: where.orgId } : {}),
			...(where.volunteerId ? { volunteers: { some: { volunteerId: where.volunteerId } } } : {})
		},
		select: { id: true, roundId: true }
	});
	return rows;
}

/** Leave was approved: the volunteer's sessions inside it are re-planned. */
export async function replanAfterLeave(db: Db, input: { leaveId: string; actorId: string }) {
	const leave = await db.leave.findUniqueOrThrow({
		where: { id: input.leaveId },
		select: { volunteerId: true, fromDate: true, toDate: true, status: true, volunteer: { select: { name: true } } }
	});
	if (leave.status !== 'approved') return [];
	const from = leave.fromDate.toISOString().slice(0, 10);
	const to = leave.toDate.toISOString().slice(0, 10);
	const sessions = await activeSessionsOn(db, { volunteerId: leave.volunteerId }, from, to);
	return proposeByRound(db, sessions, 'leave', { volunteerName: leave.volunteer.name, from, to }, input.actorId);
}

/** A school closed some days (exams, holiday, closed): its sessions on them are re-planned. */
export async function replanAfterBlackout(
	db: Db,
	input: { orgId: string; kind: string; label: string; from: string; to: string; actorId: string }
) {
	if (input.kind === 'term') return [];
	const school = await db.organization.findUniqueOrThrow({ where: { id: input.orgId }, select: { name: true } });
	const sessions = await activeSessionsOn(db, { orgId: input.orgId }, input.from, input.to);
	return proposeByRound(
		db,
		sessions,
		'blackout',
		{ schoolName: school.name, label: input.label, from: input.from, to: input.to },
		input.actorId
	);
}

/**
 * The coordinator picks a substitute for a declined seat: the seat's sessions are re-planned
 * with the substitute on them (they keep their published dates where the substitute can
 * come). An earlier proposal for the same seat is replaced.
 */
export async function proposeSubstitute(
	db: Db,
	input: { roundId: string; assignmentId: string; volunteerId: string; actorId: string; allowed: ReadonlySet<string> }
) {
	if (!input.allowed.has(input.volunteerId)) throw fieldError('volunteerId', m.sched_replan_error_not_substitute());
	let users: string[] = [];
	const replanId = await withRoundLock(db, input.roundId, async (tx) => {
		const declined = await tx.assignment.findFirst({
			where: { id: input.assignmentId, roundId: input.roundId, state: 'declined' },
			select: { id: true, demandId: true, volunteerId: true, declineReason: true, volunteer: { select: { name: true } } }
		});
		if (!declined) throw new TRPCError({ code: 'NOT_FOUND', message: 'assignmentId: no such declined invitation' });
		const sessionIds = await declinedSessionsOf(tx, declined.demandId, declined.volunteerId);
		if (!sessionIds.length) throw fieldError('assignmentId', m.sched_replan_error_nothing());
		const substitute = await tx.volunteerProfile.findUniqueOrThrow({ where: { id: input.volunteerId }, select: { name: true } });
		const earlier = await tx.replan.findMany({ where: { roundId: input.roundId, trigger: 'decline', status: 'proposed' } });
		for (const r of earlier)
			if ((JSON.parse(r.triggerInfo) as { assignmentId?: string }).assignmentId === declined.id)
				await tx.replan.update({ where: { id: r.id }, data: { status: 'discarded', decidedById: input.actorId, decidedAt: new Date() } });
		const made = await proposeReplan(tx, {
			roundId: input.roundId,
			trigger: 'decline',
			triggerInfo: {
				assignmentId: declined.id,
				volunteerName: declined.volunteer.name,
				reason: declined.declineReason ?? '',
				substituteName: substitute.name
			},
			sessionIds,
			substitute: { volunteerId: input.volunteerId, demandId: declined.demandId },
			actorId: input.actorId
		});
		users = made!.users;
		return made!.replanId;
	});
	notified(users);
	return { replanId };
}

/** Sessions of these rounds whose school asked for another date that is not yet decided. */
export async function sessionsAwaitingDate(tx: Pick<Tx, 'replan'>, roundIds: readonly string[]): Promise<Set<string>> {
	const open = await tx.replan.findMany({
		where: { roundId: { in: [...roundIds] }, trigger: 'date_request', status: 'proposed' },
		select: { triggerInfo: true }
	});
	return new Set(open.map((r) => (JSON.parse(r.triggerInfo) as { sessionId?: string }).sessionId ?? ''));
}
