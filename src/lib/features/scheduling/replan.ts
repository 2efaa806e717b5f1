// Re-planning that moves as little as possible. A trigger (a decline with its substitute,
// approved leave, a school's new blackout, a cancellation, a school asking for another date)
// names the affected sessions; only those go back to the engine, with their published
// starts as `previous`, everything else dated stays fixed. The result is stored as a
// proposal (`Replan`) holding each session's `sequence` as it was; a coordinator reads it as
// a difference and applies it in one transaction under the round's lock. A proposal whose
// sessions changed since (an answer, a drag, another re-plan) is marked stale and refused.
import { TRPCError } from '@trpc/server';
import { addDays, fromWallClock } from '$lib/domain/dates';
import { ACTIVE_SESSION_STATUSES, nextSessionStatus, type SessionStatus } from '$lib/domain/session-status';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { fieldError } from '$lib/server/trpc/errors';
import type { Db } from '$lib/server/db';
import { withRoundLock } from '$lib/server/db/round-lock';
import { emitLive } from '$lib/server/live/bus';
import { notify, notified, type NotificationInput } from '$lib/server/live/notify';
import { checkPlacements, InfeasibleFixedError, schedule, type SchedulingInstance, type UnscheduledExplanation } from './engine';
import { buildInstance, localStartOf } from './instance';
import { loadRoundRecords, type Tx } from './load';
import { coordinatorsOf, schoolUsersOf, volunteerUsersOf } from './people';
import { parseReason, type UnscheduledReason } from './reasons';
import { assignRooms } from './rooms';

export const REPLAN_TRIGGERS = ['decline', 'leave', 'blackout', 'cancel', 'date_request'] as const;
export type ReplanTrigger = (typeof REPLAN_TRIGGERS)[number];

interface Span {
	startsAt: string;
	endsAt: string;
}

/** One affected session: where it was and where the engine would put it (null: undated). */
export interface ReplanChange {
	sessionId: string;
	sequence: number;
	status: SessionStatus;
	from: Span | null;
	to: Span | null;
	explanation: UnscheduledExplanation | null;
}

export interface ReplanChanges {
	sessions: ReplanChange[];
	/** The volunteer who takes a declined seat, on the proposal's sessions of that need. */
	substitute: { volunteerId: string; demandId: string } | null;
}

export type ChangeKind = 'moved' | 'unchanged' | 'unscheduled' | 'dated' | 'still_unscheduled';

export function kindOf(c: Pick<ReplanChange, 'from' | 'to'>): ChangeKind {
	if (!c.to) return c.from ? 'unscheduled' : 'still_unscheduled';
	if (!c.from) return 'dated';
	return c.from.startsAt === c.to.startsAt ? 'unchanged' : 'moved';
}

export function parseChanges(json: string): ReplanChanges {
	return JSON.parse(json) as ReplanChanges;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Runs the engine on `sessionIds` (and, when a series cannot be completed around a fixed
 * member, on that series too) and returns each session's change.
 */
export async function computeChanges(
	tx: Tx,
	roundId: string,
	sessionIds: readonly string[],
	options: { extraSeat?: { volunteerId: string; sessionIds: readonly string[] }; laterThan?: ReadonlyMap<string, Date> } = {}
): Promise<ReplanChange[]> {
	const ids = [...new Set(sessionIds)];
	for (let attempt = 0; ; attempt++) {
		const rows = await tx.scheduledSession.findMany({
			where: { id: { in: ids } },
			select: { id: true, startsAt: true, endsAt: true, sequence: true, status: true, demand: { select: { sessionMinutes: true } } }
		});
		const previous = rows.filter((r) => r.startsAt).map((r) => ({ sessionId: r.id, startsAt: r.startsAt! }));
		const records = await loadRoundRecords(tx, roundId, ids, previous, options.extraSeat);
		let instance: SchedulingInstance = buildInstance(records);
		if (options.laterThan?.size) {
			// "Another date": the session may only go to a later day than the one the school declined.
			instance = {
				...instance,
				sessions: instance.sessions.map((s) => {
					const after = options.laterThan!.get(s.id);
					if (!after) return s;
					const first = addDays(localStartOf(after).slice(0, 10), 1);
					return first > s.window.from ? { ...s, window: { from: first, to: s.window.to } } : s;
				})
			};
		}
		let result: ReturnType<typeof schedule>;
		try {
			result = schedule(instance);
		} catch (e) {
			if (!(e instanceof InfeasibleFixedError) || attempt >= 3) throw e;
			// A series cannot stay whole around a fixed member: re-plan the members of this round too.
			const more = await tx.scheduledSession.findMany({
				where: { id: { in: [...e.sessions] }, roundId, status: { in: [...ACTIVE_SESSION_STATUSES] } },
				select: { id: true }
			});
			const added = more.map((s) => s.id).filter((id) => !ids.includes(id));
			if (!added.length) throw e;
			ids.push(...added);
			continue;
		}
		const placed = new Map(result.placements.map((p) => [p.session, p.start]));
		return ids.map((id) => {
			const r = rows.find((x) => x.id === id)!;
			const start = placed.get(id);
			let to: Span | null = null;
			if (start) {
				const startsAt = fromWallClock(start.slice(0, 10), Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16)));
				to = { startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + r.demand.sessionMinutes * 60_000).toISOString() };
			}
			return {
				sessionId: id,
				sequence: r.sequence,
				status: r.status,
				from: r.startsAt ? { startsAt: iso(r.startsAt)!, endsAt: iso(r.endsAt) ?? iso(r.startsAt)! } : null,
				to,
				explanation: result.explanations[id] ?? null
			};
		});
	}
}

const changesSomething = (changes: readonly ReplanChange[], substitute: ReplanChanges['substitute']) =>
	substitute !== null || changes.some((c) => kindOf(c) !== 'unchanged' && kindOf(c) !== 'still_unscheduled');

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

const sessionInfo = {
	id: true,
	orgId: true,
	status: true,
	sequence: true,
	startsAt: true,
	demandId: true,
	demand: { select: { title: true, org: { select: { name: true } } } },
	volunteers: { select: { volunteerId: true, assignmentId: true } }
} as const;

/** Why an applied proposal would now be wrong, or null while it still holds. */
async function staleReason(tx: Tx, roundId: string, changes: ReplanChanges): Promise<string | null> {
	const current = await tx.scheduledSession.findMany({
		where: { id: { in: changes.sessions.map((c) => c.sessionId) } },
		select: { id: true, sequence: true }
	});
	const seq = new Map(current.map((s) => [s.id, s.sequence]));
	if (changes.sessions.some((c) => seq.get(c.sessionId) !== c.sequence)) return m.sched_replan_stale_changed();
	// The rest of the timetable may have moved around it: the independent checker decides.
	const dated = changes.sessions.filter((c) => c.to);
	if (!dated.length) return null;
	const extraSeat = changes.substitute
		? {
				volunteerId: changes.substitute.volunteerId,
				sessionIds: (
					await tx.scheduledSession.findMany({
						where: { id: { in: changes.sessions.map((c) => c.sessionId) }, demandId: changes.substitute.demandId },
						select: { id: true }
					})
				).map((s) => s.id)
			}
		: undefined;
	const records = await loadRoundRecords(
		tx,
		roundId,
		changes.sessions.map((c) => c.sessionId),
		undefined,
		extraSeat
	);
	const instance = buildInstance(records);
	const ids = new Set(dated.map((c) => c.sessionId));
	const proposed = dated.map((c) => ({ session: c.sessionId, start: localStartOf(new Date(c.to!.startsAt)) }));
	const broken = checkPlacements(instance, [...instance.fixed, ...proposed]).filter(
		(v) => v.rule !== 'series_incomplete' && v.rule !== 'listing' && v.sessions.some((s) => ids.has(s))
	);
	return broken.length ? m.sched_replan_stale_conflict() : null;
}

/** Applies a proposal in one transaction, or marks it stale and says why. */
export async function applyReplan(db: Db, input: { replanId: string; roundId: string; actorId: string }) {
	let users: string[] = [];
	const changedIds: string[] = [];
	const outcome = await withRoundLock(db, input.roundId, async (tx) => {
		const replan = await tx.replan.findFirst({ where: { id: input.replanId, roundId: input.roundId } });
		if (!replan) throw new TRPCError({ code: 'NOT_FOUND', message: 'replanId: no such re-plan' });
		if (replan.status !== 'proposed') return { refused: m.sched_replan_error_decided() };
		const round = await tx.matchingRound.findUniqueOrThrow({ where: { id: input.roundId }, select: { orgId: true } });
		const changes = parseChanges(replan.changes);
		const stale = await staleReason(tx, input.roundId, changes);
		if (stale) {
			await tx.replan.update({ where: { id: replan.id }, data: { status: 'stale', decidedById: input.actorId, decidedAt: new Date() } });
			await recordAudit(tx, {
				actorId: input.actorId,
				orgId: round.orgId,
				entity: 'replan',
				entityId: replan.id,
				action: 'stale',
				after: { reason: stale }
			});
			return { refused: stale };
		}

		const rows = await tx.scheduledSession.findMany({
			where: { id: { in: changes.sessions.map((c) => c.sessionId) } },
			select: sessionInfo
		});
		const rowOf = new Map(rows.map((r) => [r.id, r]));
		const sub = changes.substitute;
		let substituteAssignment: string | null = null;
		if (sub) {
			const a = await tx.assignment.upsert({
				where: { demandId_volunteerId: { demandId: sub.demandId, volunteerId: sub.volunteerId } },
				create: {
					roundId: input.roundId,
					demandId: sub.demandId,
					volunteerId: sub.volunteerId,
					state: 'invited',
					createdById: input.actorId,
					updatedById: input.actorId
				},
				update: { state: 'invited', declineReason: null, respondedAt: null, updatedById: input.actorId }
			});
			substituteAssignment = a.id;
			await tx.demand.updateMany({ where: { id: sub.demandId, status: 'open' }, data: { status: 'matched' } });
		}

		// Rooms for the new times, around the sessions that stay where they are.
		const dated = changes.sessions.filter((c) => c.to);
		const orgIds = [...new Set(dated.map((c) => rowOf.get(c.sessionId)!.orgId))];
		const around = await tx.scheduledSession.findMany({
			where: {
				orgId: { in: orgIds },
				id: { notIn: dated.map((c) => c.sessionId) },
				startsAt: { not: null },
				status: { in: [...ACTIVE_SESSION_STATUSES] }
			},
			select: { id: true, orgId: true, startsAt: true, endsAt: true, room: true }
		});
		const rooms = assignRooms([
			...around.map((s) => ({
				id: s.id,
				orgId: s.orgId,
				startsAt: s.startsAt!,
				endsAt: s.endsAt ?? s.startsAt!,
				room: Number(s.room) || 1
			})),
			...dated.map((c) => ({
				id: c.sessionId,
				orgId: rowOf.get(c.sessionId)!.orgId,
				startsAt: new Date(c.to!.startsAt),
				endsAt: new Date(c.to!.endsAt),
				room: null
			}))
		]);

		const items: NotificationInput[] = [];
		const volunteerUsers = await volunteerUsersOf(tx, [
			...new Set([...rows.flatMap((r) => r.volunteers.map((v) => v.volunteerId)), ...(sub ? [sub.volunteerId] : [])])
		]);
		const schoolUsers = await schoolUsersOf(tx, [...new Set(rows.map((r) => r.orgId))]);
		const askAgain = new Set<string>();
		const summary: { id: string; kind: ChangeKind }[] = [];
		for (const c of changes.sessions) {
			const row = rowOf.get(c.sessionId)!;
			const kind = kindOf(c);
			const seated = sub !== null && row.demandId === sub.demandId;
			if (seated && !row.volunteers.some((v) => v.volunteerId === sub.volunteerId))
				await tx.sessionVolunteer.create({ data: { sessionId: row.id, volunteerId: sub.volunteerId, assignmentId: substituteAssignment } });
			const touched = seated || (kind !== 'unchanged' && kind !== 'still_unscheduled');
			if (!touched) continue;
			summary.push({ id: row.id, kind });
			changedIds.push(row.id);
			if (c.to) {
				const status =
					row.status === 'draft'
						? 'draft'
						: kind === 'unchanged' && row.status !== 'unscheduled'
							? row.status
							: nextSessionStatus(row.status, 'move');
				if (!status) throw new TRPCError({ code: 'CONFLICT', message: m.sched_error_status() });
				await tx.scheduledSession.update({
					where: { id: row.id },
					data: {
						startsAt: new Date(c.to.startsAt),
						endsAt: new Date(c.to.endsAt),
						room: String(rooms.get(row.id) ?? 1),
						status,
						unscheduledReason: null,
						sequence: { increment: 1 }
					}
				});
				if (kind === 'moved' && row.status !== 'draft') for (const v of row.volunteers) if (v.assignmentId) askAgain.add(v.assignmentId);
			} else {
				const status = row.status === 'unscheduled' ? 'unscheduled' : nextSessionStatus(row.status, 'leaveUndated');
				if (!status) throw new TRPCError({ code: 'CONFLICT', message: m.sched_error_status() });
				const reason: UnscheduledReason = { kind: 'engine', explanation: c.explanation };
				await tx.scheduledSession.update({
					where: { id: row.id },
					data: {
						startsAt: null,
						endsAt: null,
						room: null,
						status,
						unscheduledReason: JSON.stringify(reason),
						sequence: { increment: 1 }
					}
				});
			}
			if (row.status === 'draft' || (kind !== 'moved' && kind !== 'unscheduled')) continue;
			const payload = {
				href: `/sessions/${row.id}`,
				demandTitle: row.demand.title,
				schoolName: row.demand.org.name,
				from: c.from?.startsAt,
				to: c.to?.startsAt,
				startsAt: c.from?.startsAt
			};
			const people = [...row.volunteers.map((v) => volunteerUsers.get(v.volunteerId)), ...(schoolUsers.get(row.orgId) ?? [])].filter(
				(u): u is string => !!u && u !== input.actorId
			);
			for (const userId of new Set(people))
				items.push({ userId, kind: kind === 'moved' ? 'session.moved' : 'session.unscheduled', payload });
		}
		// Those who had agreed to a date that moved are asked again.
		if (askAgain.size)
			await tx.assignment.updateMany({
				where: { id: { in: [...askAgain] }, state: 'accepted' },
				data: { state: 'invited', respondedAt: null, updatedById: input.actorId }
			});
		if (sub && substituteAssignment) {
			const userId = volunteerUsers.get(sub.volunteerId);
			const first = changes.sessions
				.filter((c) => c.to && rowOf.get(c.sessionId)!.demandId === sub.demandId)
				.map((c) => c.to!.startsAt)
				.sort()[0];
			const row = rows.find((r) => r.demandId === sub.demandId)!;
			if (userId)
				items.push({
					userId,
					kind: 'invitation.new',
					payload: {
						href: `/me/invitations/${substituteAssignment}`,
						demandTitle: row.demand.title,
						schoolName: row.demand.org.name,
						firstStartsAt: first ?? null
					}
				});
		}
		users = await notify(tx, items);
		await tx.replan.update({ where: { id: replan.id }, data: { status: 'applied', decidedById: input.actorId, decidedAt: new Date() } });
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: round.orgId,
			entity: 'replan',
			entityId: replan.id,
			action: 'apply',
			before: { sessions: changes.sessions.map((c) => ({ id: c.sessionId, startsAt: c.from?.startsAt ?? null, status: c.status })) },
			after: { sessions: summary, substitute: sub, substituteAssignment }
		});
		return { refused: null };
	});
	if (outcome.refused) throw new TRPCError({ code: 'CONFLICT', message: outcome.refused });
	if (changedIds.length) emitLive({ type: 'sessions.changed', sessionIds: changedIds });
	notified(users);
	return { ok: true, sessions: changedIds.length };
}

export async function discardReplan(db: Db, input: { replanId: string; roundId: string; actorId: string }) {
	await withRoundLock(db, input.roundId, async (tx) => {
		const replan = await tx.replan.findFirst({ where: { id: input.replanId, roundId: input.roundId }, include: { round: true } });
		if (!replan) throw new TRPCError({ code: 'NOT_FOUND', message: 'replanId: no such re-plan' });
		if (replan.status !== 'proposed') throw new TRPCError({ code: 'CONFLICT', message: m.sched_replan_error_decided() });
		await tx.replan.update({ where: { id: replan.id }, data: { status: 'discarded', decidedById: input.actorId, decidedAt: new Date() } });
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: replan.round.orgId,
			entity: 'replan',
			entityId: replan.id,
			action: 'discard'
		});
	});
	return { ok: true };
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

/** Sessions of these rounds whose school asked for another date that is not yet decided. */
export async function sessionsAwaitingDate(tx: Pick<Tx, 'replan'>, roundIds: readonly string[]): Promise<Set<string>> {
	const open = await tx.replan.findMany({
		where: { roundId: { in: [...roundIds] }, trigger: 'date_request', status: 'proposed' },
		select: { triggerInfo: true }
	});
	return new Set(open.map((r) => (JSON.parse(r.triggerInfo) as { sessionId?: string }).sessionId ?? ''));
}
