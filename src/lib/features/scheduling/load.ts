// Reads what the adapter (`instance.ts`) needs for some sessions of a round: their needs,
// schools, volunteers and every other dated session those volunteers and schools already
// have (which the engine must keep where they are).
import type { Db } from '$lib/server/db';
import { ACTIVE_SESSION_STATUSES } from '$lib/domain/session-status';
import type { RoundRecords, SessionRecord } from './instance';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
type Reader = Pick<Db, 'matchingRound' | 'scheduledSession' | 'demand' | 'organization' | 'volunteerProfile' | 'travelTime'> | Tx;

const sessionSelect = {
	id: true,
	demandId: true,
	seriesIndex: true,
	startsAt: true,
	volunteers: { select: { volunteerId: true } }
} as const;

const toRecord = (s: {
	id: string;
	demandId: string;
	seriesIndex: number;
	startsAt: Date | null;
	volunteers: { volunteerId: string }[];
}): SessionRecord => ({
	id: s.id,
	demandId: s.demandId,
	seriesIndex: s.seriesIndex,
	startsAt: s.startsAt,
	volunteerIds: s.volunteers.map((v) => v.volunteerId)
});

export async function loadRoundRecords(
	db: Reader,
	roundId: string,
	toPlaceIds: readonly string[],
	previous?: RoundRecords['previous'],
	/** A volunteer to seat on sessions being placed (a substitute being tried), not yet written. */
	extraSeat?: { volunteerId: string; sessionIds: readonly string[] }
): Promise<RoundRecords> {
	const round = await db.matchingRound.findUniqueOrThrow({ where: { id: roundId }, select: { fromDate: true, toDate: true } });
	const toPlaceRows = (await db.scheduledSession.findMany({ where: { id: { in: [...toPlaceIds] } }, select: sessionSelect })).map((s) =>
		extraSeat?.sessionIds.includes(s.id) && !s.volunteers.some((v) => v.volunteerId === extraSeat.volunteerId)
			? { ...s, volunteers: [...s.volunteers, { volunteerId: extraSeat.volunteerId }] }
			: s
	);
	const volunteerIds = new Set(toPlaceRows.flatMap((s) => s.volunteers.map((v) => v.volunteerId)));
	const demandIdsToPlace = new Set(toPlaceRows.map((s) => s.demandId));
	const schoolIds = new Set(
		(await db.demand.findMany({ where: { id: { in: [...demandIdsToPlace] } }, select: { orgId: true } })).map((d) => d.orgId)
	);
	// Dated sessions sharing a volunteer or a school with the ones to place stay fixed; so do
	// the other sessions of a series being partly re-planned.
	const fixedRows = await db.scheduledSession.findMany({
		where: {
			id: { notIn: [...toPlaceIds] },
			startsAt: { not: null },
			status: { in: [...ACTIVE_SESSION_STATUSES] },
			OR: [
				{ volunteers: { some: { volunteerId: { in: [...volunteerIds] } } } },
				{ orgId: { in: [...schoolIds] } },
				{ demandId: { in: [...demandIdsToPlace] } }
			]
		},
		select: sessionSelect
	});
	for (const s of fixedRows) for (const v of s.volunteers) volunteerIds.add(v.volunteerId);
	const demandIds = new Set([...toPlaceRows, ...fixedRows].map((s) => s.demandId));
	const demands = await db.demand.findMany({
		where: { id: { in: [...demandIds] } },
		select: { id: true, kind: true, mode: true, sessionMinutes: true, priority: true, windowFrom: true, windowTo: true, orgId: true }
	});
	for (const d of demands) schoolIds.add(d.orgId);
	const [schools, volunteers, travel] = await Promise.all([
		db.organization.findMany({
			where: { id: { in: [...schoolIds] } },
			select: {
				id: true,
				districtId: true,
				rooms: true,
				visitingHours: { select: { weekday: true, fromMinute: true, toMinute: true } },
				calendar: { select: { kind: true, fromDate: true, toDate: true } }
			}
		}),
		db.volunteerProfile.findMany({
			where: { id: { in: [...volunteerIds] } },
			select: {
				id: true,
				homeDistrictId: true,
				monthlyCapacity: true,
				offersOffline: true,
				availability: { select: { weekday: true, fromMinute: true, toMinute: true } },
				leaves: { where: { status: 'approved' }, select: { fromDate: true, toDate: true } }
			}
		}),
		db.travelTime.findMany({ select: { fromId: true, toId: true, minutes: true } })
	]);
	return {
		round,
		schools,
		volunteers,
		demands,
		travel,
		toPlace: toPlaceRows.map(toRecord),
		fixed: fixedRows.map(toRecord),
		previous
	};
}
