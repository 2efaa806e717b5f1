// A re-plan's proposal as stored: each affected session's start before and after, what kind
// of change that is, and how the engine computes them with everything else fixed.
import { addDays, fromWallClock } from '$lib/domain/dates';
import { ACTIVE_SESSION_STATUSES, type SessionStatus } from '$lib/domain/session-status';
import { InfeasibleFixedError, schedule, type SchedulingInstance, type UnscheduledExplanation } from './engine';
import { buildInstance, localStartOf } from './instance';
import { loadRoundRecords, type Tx } from './load';

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

export const iso = (d: Date | null) => d?.toISOString() ?? null;

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

export const changesSomething = (changes: readonly ReplanChange[], substitute: ReplanChanges['substitute']) =>
	substitute !== null || changes.some((c) => kindOf(c) !== 'unchanged' && kindOf(c) !== 'still_unscheduled');
