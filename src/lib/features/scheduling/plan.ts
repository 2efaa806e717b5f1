// From a round's published matches to dated draft sessions, and sending them. Scheduling
// may be run again until the timetable is sent: needs whose sessions are all still drafts
// (or were left undated) are planned afresh; sessions already sent stay where they are and
// the new ones are placed around them.
import { emitLive } from '$lib/server/live/bus';
import { notify, notified, type NotificationInput } from '$lib/server/live/notify';
import { recordAudit } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import { nextSessionStatus } from '$lib/domain/session-status';
import { fromWallClock } from '$lib/domain/dates';
import { schedule } from './engine';
import { buildInstance, sessionModeOf, sessionsPerDemand } from './instance';
import { loadRoundRecords, type Tx } from './load';
import { volunteerUsersOf } from './people';
import { assignRooms } from './rooms';
import { withRoundLock } from '$lib/server/db/round-lock';
import type { UnscheduledReason } from './reasons';

/** Where a dated session is held: the school's address, or a meeting link (and a room, both). */
export function meetingUrlFor(demandId: string): string {
	const base = process.env.MEETING_URL_BASE ?? 'https://meeting.silverbridge.example/';
	return `${base}${demandId}`;
}

/**
 * Runs the engine on `sessionIds` of the round (everything else dated stays fixed) and writes
 * the result: dates, rooms, places, and why the rest could not be dated. Returns the starts.
 */
export async function placeSessions(
	tx: Tx,
	roundId: string,
	sessionIds: readonly string[],
	options: {
		previous?: { sessionId: string; startsAt: Date }[];
		windowFrom?: Map<string, Date>;
		extraSeat?: { volunteerId: string; sessionIds: readonly string[] };
	} = {}
) {
	const records = await loadRoundRecords(tx, roundId, sessionIds, options.previous, options.extraSeat);
	if (options.windowFrom) {
		records.demands = records.demands.map((d) => {
			const later = [...options.windowFrom!.entries()].find(
				([sessionId]) => records.toPlace.find((s) => s.id === sessionId)?.demandId === d.id
			)?.[1];
			return later && later > d.windowFrom ? { ...d, windowFrom: later } : d;
		});
	}
	const instance = buildInstance(records);
	const result = schedule(instance);
	const demands = new Map(records.demands.map((d) => [d.id, d]));
	const minutesOf = (sessionId: string) => demands.get(records.toPlace.find((s) => s.id === sessionId)!.demandId)!.sessionMinutes;
	const starts = new Map<string, { startsAt: Date; endsAt: Date }>();
	for (const p of result.placements) {
		if (!sessionIds.includes(p.session)) continue;
		const startsAt = fromWallClock(p.start.slice(0, 10), Number(p.start.slice(11, 13)) * 60 + Number(p.start.slice(14, 16)));
		starts.set(p.session, { startsAt, endsAt: new Date(startsAt.getTime() + minutesOf(p.session) * 60_000) });
	}
	const reasons = new Map<string, UnscheduledReason>();
	for (const [id, e] of Object.entries(result.explanations)) reasons.set(id, { kind: 'engine', explanation: e });
	return { records, instance, result, starts, reasons };
}

export async function scheduleRound(db: Db, input: { roundId: string; actorId: string }) {
	const changed: string[] = [];
	const summary = await withRoundLock(db, input.roundId, async (tx) => {
		const round = await tx.matchingRound.findUniqueOrThrow({ where: { id: input.roundId }, select: { orgId: true } });
		const assignments = await tx.assignment.findMany({
			where: { roundId: input.roundId, state: { in: ['invited', 'accepted', 'confirmed'] } },
			select: { id: true, demandId: true, volunteerId: true }
		});
		const existing = await tx.scheduledSession.findMany({
			where: { roundId: input.roundId },
			select: { id: true, demandId: true, status: true, unscheduledReason: true }
		});
		// A need is planned afresh while nobody has been asked about any of its sessions.
		const sent = new Set(
			existing
				.filter((s) => !(s.status === 'draft' || (s.status === 'unscheduled' && isEngineReason(s.unscheduledReason))))
				.map((s) => s.demandId)
		);
		const seats = new Map<string, { id: string; volunteerId: string }[]>();
		for (const a of assignments) if (!sent.has(a.demandId)) seats.set(a.demandId, [...(seats.get(a.demandId) ?? []), a]);
		await tx.scheduledSession.deleteMany({
			where: { roundId: input.roundId, demandId: { notIn: [...sent] }, status: { in: ['draft', 'unscheduled'] } }
		});

		const demands = await tx.demand.findMany({
			where: { id: { in: [...seats.keys()] } },
			select: { id: true, orgId: true, mode: true, sessionCount: true, org: { select: { address: true } } }
		});
		const volunteers = new Map(
			(
				await tx.volunteerProfile.findMany({
					where: { id: { in: assignments.map((a) => a.volunteerId) } },
					select: { id: true, offersOffline: true }
				})
			).map((v) => [v.id, v])
		);
		const created: string[] = [];
		for (const d of demands) {
			const seat = seats.get(d.id)!;
			const mode = sessionModeOf(
				d,
				seat.map((s) => volunteers.get(s.volunteerId)!)
			);
			for (let i = 0; i < sessionsPerDemand(d.sessionCount); i++) {
				const s = await tx.scheduledSession.create({
					data: {
						roundId: input.roundId,
						demandId: d.id,
						orgId: d.orgId,
						seriesIndex: i,
						mode,
						place: mode === 'offline' ? d.org.address : null,
						onlineUrl: mode === 'online' ? meetingUrlFor(d.id) : null,
						status: 'draft',
						volunteers: { create: seat.map((a) => ({ volunteerId: a.volunteerId, assignmentId: a.id })) }
					},
					select: { id: true }
				});
				created.push(s.id);
			}
		}
		const { starts, reasons, records, result } = await placeSessions(tx, input.roundId, created);
		await writePlacements(tx, records, starts, reasons);
		changed.push(...created);
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: round.orgId,
			entity: 'round',
			entityId: input.roundId,
			action: 'schedule',
			after: {
				sessions: created.length,
				dated: starts.size,
				undated: created.length - starts.size,
				cost: result.cost,
				elapsedMs: result.elapsedMs
			}
		});
		return {
			sessions: created.length,
			dated: starts.size,
			undated: created.length - starts.size,
			kept: sent.size,
			elapsedMs: result.elapsedMs
		};
	});
	if (changed.length) emitLive({ type: 'sessions.changed', sessionIds: changed });
	return summary;
}

/** Writes dates, rooms and reasons for freshly placed sessions (status stays as the caller set it). */
export async function writePlacements(
	tx: Tx,
	records: Awaited<ReturnType<typeof loadRoundRecords>>,
	starts: Map<string, { startsAt: Date; endsAt: Date }>,
	reasons: Map<string, UnscheduledReason>
) {
	const fixedRows = await tx.scheduledSession.findMany({
		where: { id: { in: records.fixed.map((s) => s.id) } },
		select: { id: true, orgId: true, startsAt: true, endsAt: true, room: true }
	});
	const orgOf = new Map(records.demands.map((d) => [d.id, d.orgId]));
	const rooms = assignRooms([
		...fixedRows
			.filter((s) => s.startsAt && s.endsAt)
			.map((s) => ({ id: s.id, orgId: s.orgId, startsAt: s.startsAt!, endsAt: s.endsAt!, room: s.room ? Number(s.room) : null })),
		...[...starts].map(([id, t]) => ({ id, orgId: orgOf.get(records.toPlace.find((s) => s.id === id)!.demandId)!, ...t, room: null }))
	]);
	for (const s of records.toPlace) {
		const t = starts.get(s.id);
		await tx.scheduledSession.update({
			where: { id: s.id },
			data: t
				? { startsAt: t.startsAt, endsAt: t.endsAt, room: String(rooms.get(s.id)), unscheduledReason: null }
				: {
						startsAt: null,
						endsAt: null,
						room: null,
						status: 'unscheduled',
						unscheduledReason: JSON.stringify(reasons.get(s.id) ?? { kind: 'engine', explanation: null })
					}
		});
	}
}

function isEngineReason(json: string | null): boolean {
	try {
		return json !== null && (JSON.parse(json) as UnscheduledReason).kind === 'engine';
	} catch {
		return false;
	}
}

/** Sends the round's drafts: volunteers are asked, one invitation per need they serve. */
export async function sendRound(db: Db, input: { roundId: string; actorId: string }) {
	let users: string[] = [];
	let sessionIds: string[] = [];
	const summary = await withRoundLock(db, input.roundId, async (tx) => {
		const round = await tx.matchingRound.findUniqueOrThrow({ where: { id: input.roundId }, select: { orgId: true } });
		const drafts = await tx.scheduledSession.findMany({
			where: { roundId: input.roundId, status: 'draft', startsAt: { not: null } },
			select: {
				id: true,
				startsAt: true,
				seriesIndex: true,
				demand: { select: { title: true, org: { select: { name: true } } } },
				volunteers: { select: { volunteerId: true, assignmentId: true } }
			},
			orderBy: { startsAt: 'asc' }
		});
		sessionIds = drafts.map((d) => d.id);
		await tx.scheduledSession.updateMany({
			where: { id: { in: sessionIds }, status: 'draft' },
			data: { status: nextSessionStatus('draft', 'send')!, sequence: { increment: 1 } }
		});
		const firstByAssignment = new Map<string, { volunteerId: string; s: (typeof drafts)[number] }>();
		for (const s of drafts)
			for (const v of s.volunteers)
				if (v.assignmentId && !firstByAssignment.has(v.assignmentId))
					firstByAssignment.set(v.assignmentId, { volunteerId: v.volunteerId, s });
		const userOf = await volunteerUsersOf(tx, [...new Set([...firstByAssignment.values()].map((x) => x.volunteerId))]);
		const items: NotificationInput[] = [];
		for (const [assignmentId, { volunteerId, s }] of firstByAssignment) {
			const userId = userOf.get(volunteerId);
			if (userId)
				items.push({
					userId,
					kind: 'invitation.new',
					payload: {
						href: `/me/invitations/${assignmentId}`,
						demandTitle: s.demand.title,
						schoolName: s.demand.org.name,
						firstStartsAt: s.startsAt!.toISOString()
					}
				});
		}
		users = await notify(tx, items);
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: round.orgId,
			entity: 'round',
			entityId: input.roundId,
			action: 'send',
			after: { sessions: drafts.length, invitations: firstByAssignment.size }
		});
		return { sessions: drafts.length, invitations: firstByAssignment.size };
	});
	if (sessionIds.length) emitLive({ type: 'sessions.changed', sessionIds });
	notified(users);
	return summary;
}
