// Loads the candidates for a seat someone gave up (the round's veterans of the need's topic,
// with their load and leave) and ranks them with the matching engine's `rankSubstitutes`.
// Bookings (约课) and re-plans after a decline both ask here.
import { rankSubstitutes, type Substitute } from '$lib/features/matching/substitutes';
import type { BoardMatchingDemand } from '$lib/features/matching/board-adapter';
import type { Db } from './db';

type Reader = Pick<Db, 'volunteerProfile' | 'assignment' | 'travelTime'>;

/** Invitations that hold a veteran's time. */
const HOLDING = ['invited', 'accepted', 'confirmed'] as const;

export async function substitutesFor(
	db: Reader,
	input: {
		round: { id: string; fromDate: Date; toDate: Date; org: { path: string } };
		demand: BoardMatchingDemand;
		/** Volunteers already on the need, or who said no to it. */
		exclude: ReadonlySet<string>;
	}
): Promise<Substitute[]> {
	const { round, demand } = input;
	const [volunteers, loads, travel] = await Promise.all([
		db.volunteerProfile.findMany({
			where: { active: true, org: { path: { startsWith: round.org.path } }, topics: { some: { topic: demand.topic } } },
			include: {
				topics: true,
				languages: true,
				leaves: { where: { status: 'approved', fromDate: { lte: demand.windowTo }, toDate: { gte: demand.windowFrom } } }
			}
		}),
		db.assignment.groupBy({ by: ['volunteerId'], where: { roundId: round.id, state: { in: [...HOLDING] } }, _count: { _all: true } }),
		db.travelTime.findMany({ select: { fromId: true, toId: true, minutes: true } })
	]);
	const loadOf = new Map(loads.map((l) => [l.volunteerId, l._count._all]));
	const table: Record<string, Record<string, number>> = {};
	for (const t of travel) (table[t.fromId] ??= {})[t.toId] = t.minutes;
	const candidates = volunteers.map((v) => ({
		...v,
		topics: v.topics.map((t) => t.topic),
		languages: v.languages.map((l) => l.language),
		load: loadOf.get(v.id) ?? 0
	}));
	return rankSubstitutes(demand, candidates, round, table, { exclude: input.exclude });
}
