// What a board is made of, as the database holds it: the round's open needs and the active
// volunteers of the round's organisation subtree with their approved leave in the round.
// The board's page and the publish check load them the same way. Needs a school booked
// from the resource menu (约课) stay off the lanes while their veteran is asked or serving;
// they count against the veteran's capacity instead.
import type { Db } from '$lib/server/db';

type Reader = Pick<Db, 'demand' | 'volunteerProfile'>;

/** Invitations that hold a volunteer's time. */
const HOLDING = ['invited', 'accepted', 'confirmed'] as const;
/** A booking still with its veteran: kept off the board. */
export const heldBooking = (roundId: string) => ({ roundId, booked: true, state: { in: [...HOLDING] } });

export interface RoundScope {
	id: string;
	fromDate: Date;
	toDate: Date;
	org: { path: string };
}

export async function loadBoardRecords(db: Reader, round: RoundScope) {
	const [demands, volunteers] = await Promise.all([
		db.demand.findMany({
			where: { roundId: round.id, status: { in: ['open', 'matched', 'scheduled'] }, assignments: { none: heldBooking(round.id) } },
			select: {
				id: true,
				title: true,
				kind: true,
				topic: true,
				mode: true,
				seats: true,
				priority: true,
				language: true,
				windowFrom: true,
				windowTo: true,
				sessionCount: true,
				audienceSize: true,
				org: { select: { id: true, name: true, districtId: true, rural: true } }
			},
			orderBy: [{ priority: 'desc' }, { windowFrom: 'asc' }]
		}),
		db.volunteerProfile.findMany({
			where: { active: true, org: { path: { startsWith: round.org.path } } },
			select: {
				id: true,
				name: true,
				nameInitials: true,
				category: true,
				offersOnline: true,
				offersOffline: true,
				homeDistrictId: true,
				maxTravelMinutes: true,
				monthlyCapacity: true,
				topics: { select: { topic: true } },
				languages: { select: { language: true } },
				leaves: {
					where: { status: 'approved', fromDate: { lte: round.toDate }, toDate: { gte: round.fromDate } },
					select: { fromDate: true, toDate: true }
				},
				_count: { select: { assignments: { where: heldBooking(round.id) } } }
			},
			orderBy: { name: 'asc' }
		})
	]);
	return {
		demands,
		volunteers: volunteers.map(({ topics, languages, _count, ...v }) => ({
			...v,
			booked: _count.assignments,
			topics: topics.map((t) => t.topic),
			languages: languages.map((l) => l.language)
		}))
	};
}

/** The round's bookings (约课) for the board's own list: who was booked by whom, and where each stands. */
export async function loadBookings(db: Pick<Db, 'assignment'>, roundId: string) {
	const rows = await db.assignment.findMany({
		where: { roundId, booked: true, state: { not: 'proposed' } },
		select: {
			state: true,
			volunteer: { select: { id: true, name: true } },
			demand: { select: { id: true, title: true, topic: true, windowFrom: true, windowTo: true, org: { select: { name: true } } } }
		},
		orderBy: [{ demand: { windowFrom: 'asc' } }, { createdAt: 'desc' }]
	});
	// The latest assignment per need tells where the booking stands.
	const seen = new Set<string>();
	return rows
		.filter((r) => !seen.has(r.demand.id) && seen.add(r.demand.id))
		.map((r) => ({
			demandId: r.demand.id,
			title: r.demand.title,
			topic: r.demand.topic,
			schoolName: r.demand.org.name,
			windowFrom: r.demand.windowFrom,
			windowTo: r.demand.windowTo,
			volunteerId: r.volunteer.id,
			volunteerName: r.volunteer.name,
			state: r.state
		}));
}
