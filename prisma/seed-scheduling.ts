// The demo's scheduled round: some needs of the spring round matched, dated and sent, so a
// newcomer sees invitations as `volunteer` (李秀兰: a lecture and a mentoring series at
// 东湖实验小学) and a timetable as `coord`. Runs the app's own scheduler and sending.
import type { Db } from '../src/lib/server/db';
import { scheduleRound, sendRound } from '../src/lib/features/scheduling/plan';

const dateUtc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export async function seedScheduling(db: Db, roundId: string): Promise<void> {
	const coord = await db.user.findUniqueOrThrow({ where: { username: 'coord' }, select: { id: true } });
	const demo = await db.volunteerProfile.findUniqueOrThrow({ where: { id: 'vol-demo' }, select: { id: true, homeDistrictId: true } });
	const school = await db.organization.findFirstOrThrow({
		where: { level: 'school', districtId: demo.homeDistrictId },
		orderBy: { id: 'asc' },
		select: { id: true }
	});
	// 李秀兰 is free on Tuesday mornings and Thursday afternoons; the school receives visitors then.
	await db.visitingHours.deleteMany({ where: { orgId: school.id, weekday: { in: [2, 4] } } });
	await db.visitingHours.createMany({
		data: [
			{ orgId: school.id, weekday: 2, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 },
			{ orgId: school.id, weekday: 4, fromMinute: 14 * 60, toMinute: 16 * 60 + 30 }
		]
	});
	const common = { orgId: school.id, roundId, status: 'matched' as const, audience: 'grade4', language: null };
	const lecture = await db.demand.create({
		data: {
			...common,
			id: 'need-demo-lecture',
			kind: 'lecture',
			title: '阅读伴我成长：给四年级的读书课',
			topic: 'reading',
			audienceSize: 45,
			mode: 'offline',
			windowFrom: dateUtc(2027, 3, 8),
			windowTo: dateUtc(2027, 3, 31),
			sessionMinutes: 60
		}
	});
	const pair = await db.demand.create({
		data: {
			...common,
			id: 'need-demo-pair',
			kind: 'mentoring',
			title: '结对帮扶：四年级留守儿童成长陪伴',
			topic: 'family',
			audienceSize: 1,
			mode: 'offline',
			windowFrom: dateUtc(2027, 3, 1),
			windowTo: dateUtc(2027, 6, 25),
			sessionCount: 4,
			sessionMinutes: 60,
			priority: 3,
			leftBehind: true
		}
	});
	const assignments = [lecture, pair].map((d) => ({
		roundId,
		demandId: d.id,
		volunteerId: demo.id,
		state: 'invited' as const,
		createdById: coord.id
	}));

	// A few dozen more matches: each a volunteer of the need's district who knows its topic.
	const needs = await db.demand.findMany({
		where: { roundId, status: 'open', seats: 1 },
		select: { id: true, topic: true, org: { select: { districtId: true } } },
		orderBy: { id: 'asc' },
		take: 120
	});
	const volunteers = await db.volunteerProfile.findMany({
		where: { id: { not: demo.id } },
		select: { id: true, homeDistrictId: true, topics: { select: { topic: true } } },
		orderBy: { id: 'asc' }
	});
	const taken = new Set<string>();
	for (const need of needs) {
		if (assignments.length >= 42) break;
		const v = volunteers.find(
			(x) => !taken.has(x.id) && x.homeDistrictId === need.org.districtId && x.topics.some((t) => t.topic === need.topic)
		);
		if (!v) continue;
		taken.add(v.id);
		assignments.push({ roundId, demandId: need.id, volunteerId: v.id, state: 'invited', createdById: coord.id });
	}
	await db.assignment.createMany({ data: assignments });
	await db.demand.updateMany({ where: { id: { in: assignments.map((a) => a.demandId) } }, data: { status: 'matched' } });
	await db.matchingRound.update({ where: { id: roundId }, data: { status: 'scheduling' } });
	await scheduleRound(db, { roundId, actorId: coord.id });
	await sendRound(db, { roundId, actorId: coord.id });
}
