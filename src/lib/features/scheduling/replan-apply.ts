// Applying a proposed re-plan in one transaction under the round's lock, or refusing it as
// stale when its sessions changed since; and discarding one.
import { TRPCError } from '@trpc/server';
import { ACTIVE_SESSION_STATUSES, nextSessionStatus } from '$lib/domain/session-status';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import { withRoundLock } from '$lib/server/db/round-lock';
import { emitLive } from '$lib/server/live/bus';
import { notify, notified, type NotificationInput } from '$lib/server/live/notify';
import { checkPlacements } from './engine';
import { buildInstance, localStartOf } from './instance';
import { loadRoundRecords, type Tx } from './load';
import { schoolUsersOf, volunteerUsersOf } from './people';
import { type UnscheduledReason } from './reasons';
import { assignRooms } from './rooms';
import { kindOf, parseChanges, type ChangeKind, type ReplanChanges } from './replan-changes';

export const sessionInfo = {
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
