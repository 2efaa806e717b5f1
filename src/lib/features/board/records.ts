// What a board is made of, as the database holds it: the round's open needs and the active
// volunteers of the round's organisation subtree with their approved leave in the round.
// The board's page and the publish check load them the same way.
import type { Db } from '$lib/server/db';

type Reader = Pick<Db, 'demand' | 'volunteerProfile'>;

export interface RoundScope {
	id: string;
	fromDate: Date;
	toDate: Date;
	org: { path: string };
}

export async function loadBoardRecords(db: Reader, round: RoundScope) {
	const [demands, volunteers] = await Promise.all([
		db.demand.findMany({
			where: { roundId: round.id, status: { in: ['open', 'matched', 'scheduled'] } },
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
				}
			},
			orderBy: { name: 'asc' }
		})
	]);
	return {
		demands,
		volunteers: volunteers.map(({ topics, languages, ...v }) => ({
			...v,
			topics: topics.map((t) => t.topic),
			languages: languages.map((l) => l.language)
		}))
	};
}
