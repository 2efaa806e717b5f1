// The one answer to "which sessions may this person see on a calendar": leaders and
// coordinators their subtree, a school its own visits, a volunteer their own sessions.
// The calendar page, its live updates and the ICS feeds all read through here.
import type { Principal } from '$lib/server/auth/authorize';
import { scopeRoots } from '$lib/server/auth/authorize';
import type { Db, Prisma } from '$lib/server/db';
import { TZDate } from '@date-fns/tz';
import { APP_TIME_ZONE, toWallClock, type Day } from '$lib/domain/dates';
import { CALENDAR_STATUSES, type CalendarFilters } from './schemas';

export function visibleSessionsWhere(principal: Principal, filters: CalendarFilters = {}): Prisma.ScheduledSessionWhereInput {
	const reach: Prisma.ScheduledSessionWhereInput[] = scopeRoots(principal, 'demand.view').map((root) => ({
		org: { path: { startsWith: root } }
	}));
	if (principal.volunteerId) reach.push({ volunteers: { some: { volunteerId: principal.volunteerId } } });
	const and: Prisma.ScheduledSessionWhereInput[] = [
		{ OR: reach.length ? reach : [{ id: '' }] },
		{ status: filters.status ?? { in: [...CALENDAR_STATUSES] } },
		{ startsAt: { not: null } }
	];
	if (filters.district) and.push({ org: { districtId: filters.district } });
	if (filters.school) and.push({ orgId: filters.school });
	if (filters.volunteer) and.push({ volunteers: { some: { volunteerId: filters.volunteer } } });
	if (filters.round) and.push({ roundId: filters.round });
	if (filters.kind || filters.topic)
		and.push({ demand: { ...(filters.kind && { kind: filters.kind }), ...(filters.topic && { topic: filters.topic }) } });
	return { AND: and };
}

export const overlapping = (from: Date, to: Date): Prisma.ScheduledSessionWhereInput => ({ startsAt: { lt: to }, endsAt: { gt: from } });

const sessionSelect = {
	id: true,
	startsAt: true,
	endsAt: true,
	status: true,
	mode: true,
	place: true,
	room: true,
	onlineUrl: true,
	seriesIndex: true,
	sequence: true,
	roundId: true,
	cancelReason: true,
	updatedAt: true,
	org: { select: { id: true, name: true, address: true, districtId: true } },
	demand: { select: { title: true, kind: true, topic: true, sessionCount: true } },
	volunteers: { select: { volunteer: { select: { id: true, name: true } } } }
} satisfies Prisma.ScheduledSessionSelect;

export interface CalendarSession {
	id: string;
	title: string;
	kind: string;
	topic: string;
	status: string;
	startsAt: string;
	endsAt: string;
	mode: string;
	schoolId: string;
	schoolName: string;
	districtId: string | null;
	/** The place for offline sessions: the session's own, else the school's address. */
	address: string | null;
	room: string | null;
	onlineUrl: string | null;
	/** 1-based place in its series, of `seriesCount`. */
	seriesNumber: number;
	seriesCount: number;
	sequence: number;
	roundId: string;
	cancelReason: string | null;
	volunteers: { id: string; name: string }[];
	updatedAt: string;
}

type Row = Prisma.ScheduledSessionGetPayload<{ select: typeof sessionSelect }>;

function toCalendarSession(s: Row): CalendarSession {
	return {
		id: s.id,
		title: s.demand.title,
		kind: s.demand.kind,
		topic: s.demand.topic,
		status: s.status,
		startsAt: s.startsAt!.toISOString(),
		endsAt: (s.endsAt ?? s.startsAt!).toISOString(),
		mode: s.mode,
		schoolId: s.org.id,
		schoolName: s.org.name,
		districtId: s.org.districtId,
		address: s.place ?? s.org.address,
		room: s.room,
		onlineUrl: s.onlineUrl,
		seriesNumber: s.seriesIndex + 1,
		seriesCount: Math.max(s.demand.sessionCount, s.seriesIndex + 1),
		sequence: s.sequence,
		roundId: s.roundId,
		cancelReason: s.cancelReason,
		volunteers: s.volunteers.map((v) => v.volunteer),
		updatedAt: s.updatedAt.toISOString()
	};
}

export async function findVisibleSessions(
	db: Db,
	principal: Principal,
	where: { from: Date; to: Date; filters?: CalendarFilters; ids?: string[] }
): Promise<CalendarSession[]> {
	const rows = await db.scheduledSession.findMany({
		where: {
			AND: [
				visibleSessionsWhere(principal, where.filters),
				overlapping(where.from, where.to),
				...(where.ids ? [{ id: { in: where.ids } }] : [])
			]
		},
		select: sessionSelect,
		orderBy: { startsAt: 'asc' }
	});
	return rows.map(toCalendarSession);
}

export interface MonthSummary {
	/** The first `perDay` sessions of each day (by start, Asia/Shanghai days), in full. */
	sessions: CalendarSession[];
	/** Per day with more than `perDay` sessions: how many more there are. */
	more: Record<Day, number>;
}

/**
 * The month view's feed: a few sessions per day in full and a count of the rest. A month of a
 * big subtree holds thousands of sessions and the calendar widget lays out every event it is
 * given (a forced layout each), so the month gets a summary; the other views get every session.
 */
export async function findMonthSummary(
	db: Db,
	principal: Principal,
	where: { from: Date; to: Date; filters?: CalendarFilters; perDay: number }
): Promise<MonthSummary> {
	// Ids and starts only for the whole range; full rows for the few shown.
	const starts = await db.scheduledSession.findMany({
		where: { AND: [visibleSessionsWhere(principal, where.filters), overlapping(where.from, where.to)] },
		select: { id: true, startsAt: true },
		orderBy: [{ startsAt: 'asc' }, { id: 'asc' }]
	});
	const shown: string[] = [];
	const perDay = new Map<Day, number>();
	const more: Record<Day, number> = {};
	// One offset for the whole range when the zone keeps it through the range (Asia/Shanghai
	// always does), instead of a zone-database lookup per row.
	const offsetAt = (at: Date) => -new TZDate(at.getTime(), APP_TIME_ZONE).getTimezoneOffset() * 60_000;
	const fixed = offsetAt(where.from) === offsetAt(where.to) ? offsetAt(where.from) : null;
	for (const row of starts) {
		const day = fixed === null ? toWallClock(row.startsAt!).day : new Date(row.startsAt!.getTime() + fixed).toISOString().slice(0, 10);
		const n = (perDay.get(day) ?? 0) + 1;
		perDay.set(day, n);
		if (n <= where.perDay) shown.push(row.id);
		else more[day] = n - where.perDay;
	}
	const sessions = shown.length
		? await findVisibleSessions(db, principal, { from: where.from, to: where.to, filters: where.filters, ids: shown })
		: [];
	return { sessions, more };
}

/** One visible session, or null when it is missing or out of the caller's sight. */
export async function findVisibleSession(db: Db, principal: Principal, id: string): Promise<CalendarSession | null> {
	const row = await db.scheduledSession.findFirst({ where: { AND: [visibleSessionsWhere(principal), { id }] }, select: sessionSelect });
	return row ? toCalendarSession(row) : null;
}
