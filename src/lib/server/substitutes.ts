// Loads the candidates for a seat someone gave up (the round's veterans of the need's topic,
// with their load, leave, weekly free time and the sessions they already hold around the
// seat's dates) and ranks them with the matching engine's `rankSubstitutes`. Bookings (约课)
// and re-plans after a decline both ask here.
import { ACTIVE_SESSION_STATUSES } from '$lib/domain/session-status';
import { rankSubstitutes, type Substitute, type TimeSpan } from '$lib/features/matching/substitutes';
import type { BoardMatchingDemand } from '$lib/features/matching/board-adapter';
import type { Db } from './db';

type Reader = Pick<Db, 'volunteerProfile' | 'assignment' | 'travelTime' | 'sessionVolunteer'>;

/** Invitations that hold a veteran's time. */
const HOLDING = ['invited', 'accepted', 'confirmed'] as const;
/** A week either side of the seat's dates covers every weekly cap they fall under. */
const WEEK_MS = 7 * 86_400_000;

export async function substitutesFor(
	db: Reader,
	input: {
		round: { id: string; fromDate: Date; toDate: Date; org: { path: string } };
		demand: BoardMatchingDemand;
		/** Volunteers already on the need, or who said no to it. */
		exclude: ReadonlySet<string>;
		/** The seat's dated sessions, if it has any: each substitute is checked against them. */
		slots?: readonly TimeSpan[];
	}
): Promise<Substitute[]> {
	const { round, demand } = input;
	const slots = input.slots ?? [];
	const [volunteers, loads, travel] = await Promise.all([
		db.volunteerProfile.findMany({
			where: { active: true, org: { path: { startsWith: round.org.path } }, topics: { some: { topic: demand.topic } } },
			include: {
				topics: true,
				languages: true,
				availability: { select: { weekday: true, fromMinute: true, toMinute: true } },
				leaves: { where: { status: 'approved', fromDate: { lte: demand.windowTo }, toDate: { gte: demand.windowFrom } } }
			}
		}),
		db.assignment.groupBy({ by: ['volunteerId'], where: { roundId: round.id, state: { in: [...HOLDING] } }, _count: { _all: true } }),
		db.travelTime.findMany({ select: { fromId: true, toId: true, minutes: true } })
	]);
	const busyOf = new Map<string, TimeSpan[]>();
	if (slots.length) {
		const times = slots.map((s) => s.startsAt.getTime());
		const held = await db.sessionVolunteer.findMany({
			where: {
				volunteerId: { in: volunteers.map((v) => v.id) },
				session: {
					status: { in: [...ACTIVE_SESSION_STATUSES] },
					startsAt: { gte: new Date(Math.min(...times) - WEEK_MS), lte: new Date(Math.max(...times) + WEEK_MS) }
				}
			},
			select: { volunteerId: true, session: { select: { startsAt: true, endsAt: true } } }
		});
		for (const h of held) {
			const { startsAt, endsAt } = h.session;
			if (!startsAt) continue;
			let list = busyOf.get(h.volunteerId);
			if (!list) busyOf.set(h.volunteerId, (list = []));
			list.push({ startsAt, endsAt: endsAt ?? startsAt });
		}
	}
	const loadOf = new Map(loads.map((l) => [l.volunteerId, l._count._all]));
	const table: Record<string, Record<string, number>> = {};
	for (const t of travel) (table[t.fromId] ??= {})[t.toId] = t.minutes;
	const candidates = volunteers.map((v) => ({
		...v,
		topics: v.topics.map((t) => t.topic),
		languages: v.languages.map((l) => l.language),
		load: loadOf.get(v.id) ?? 0,
		busy: busyOf.get(v.id) ?? []
	}));
	return rankSubstitutes(demand, candidates, round, table, { exclude: input.exclude, slots });
}
