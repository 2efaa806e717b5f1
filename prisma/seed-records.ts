// The demo's past: the finished 2026 春季学期 with recorded sessions, the schools'
// evaluations and a few coordinators' corrections, so `leader` sees real figures at once.
// Deterministic (seeded random) and written with createMany, so seeding stays fast.
import { randomUUID } from 'node:crypto';
import { DEMAND_KINDS, TOPICS } from '../src/lib/domain/vocabulary';
import type { Db } from '../src/lib/server/db';
import { seededRandom } from '../src/lib/domain/random';

const FROM = Date.parse('2026-03-02T00:00:00Z');
const WEEKS = 18;
const SESSIONS = 420;

export async function seedRecords(db: Db) {
	const [city, schools, volunteers, schoolUsers, coordinator] = await Promise.all([
		db.organization.findFirstOrThrow({ where: { level: 'city' }, select: { id: true } }),
		db.organization.findMany({
			where: { level: 'school' },
			select: { id: true, path: true, districtId: true, rural: true },
			orderBy: { path: 'asc' }
		}),
		db.volunteerProfile.findMany({ select: { id: true, category: true }, orderBy: { id: 'asc' } }),
		db.membership.findMany({ where: { role: 'school' }, select: { userId: true, orgId: true } }),
		db.membership.findFirst({ where: { role: 'coordinator' }, select: { userId: true } })
	]);
	if (!schools.length || !volunteers.length) return { sessions: 0 };
	const r = seededRandom(2026);
	const round = await db.matchingRound.create({
		data: { orgId: city.id, name: '2026 春季学期', fromDate: new Date('2026-02-23'), toDate: new Date('2026-07-10'), status: 'closed' }
	});
	const schoolUser = new Map(schoolUsers.map((m) => [m.orgId, m.userId]));
	const recorder = coordinator?.userId ?? schoolUsers[0]?.userId;
	if (!recorder) return { sessions: 0 };
	const demands = [],
		sessions = [],
		seats = [],
		records = [],
		evaluations = [],
		audits = [];
	// A core of regular volunteers does most sessions, so the shortlist has real candidates.
	const regulars = volunteers.slice(0, Math.max(8, Math.floor(volunteers.length / 6)));
	for (let i = 0; i < SESSIONS; i++) {
		const school = r.pick(schools);
		const volunteer = r.next() < 0.6 ? r.pick(regulars) : r.pick(volunteers);
		const kind = r.pick(DEMAND_KINDS);
		const topic = r.next() < 0.7 ? r.pick(TOPICS.slice(0, 6)) : r.pick(TOPICS);
		const day = FROM + Math.floor(r.next() * WEEKS * 7) * 86_400_000;
		const startsAt = new Date(day + (r.next() < 0.5 ? 1 : 6) * 3_600_000);
		const minutes = r.pick([45, 60, 90, 90, 120]);
		const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
		const audience = kind === 'mentoring' || kind === 'tutoring' ? 1 : 20 + Math.floor(r.next() * 60);
		const leftBehind = school.rural && r.next() < 0.5;
		const demandId = randomUUID();
		const sessionId = randomUUID();
		const notHeld = r.next() < 0.05;
		demands.push({
			id: demandId,
			orgId: school.id,
			roundId: round.id,
			kind,
			title: `${TOPIC_TITLES[topic] ?? '专题'}活动`,
			topic,
			audienceSize: audience,
			windowFrom: new Date('2026-03-01'),
			windowTo: new Date('2026-07-10'),
			sessionMinutes: minutes,
			status: 'done' as const,
			rural: school.rural,
			leftBehind,
			priority: leftBehind ? 3 : school.rural ? 2 : 1
		});
		sessions.push({
			id: sessionId,
			roundId: round.id,
			demandId,
			orgId: school.id,
			startsAt,
			endsAt,
			status: notHeld ? ('not_held' as const) : ('held' as const)
		});
		seats.push({ sessionId, volunteerId: volunteer.id });
		const reached = Math.max(0, audience - Math.floor(r.next() * 5));
		const confirmed = r.next() < 0.8;
		const recordedAt = new Date(endsAt.getTime() + 3_600_000);
		records.push({
			sessionId,
			outcome: notHeld ? ('not_held' as const) : ('held' as const),
			notHeldReason: notHeld ? '学校临时安排考试' : null,
			minutes: notHeld ? 0 : minutes,
			pupils: notHeld || kind === 'parent_school' ? 0 : reached,
			parents: kind === 'parent_school' && !notHeld ? reached : 0,
			teachers: notHeld ? 0 : Math.floor(r.next() * 3),
			recordedById: recorder,
			recordedAt,
			approval: confirmed && !notHeld ? ('confirmed' as const) : ('pending' as const),
			confirmedAt: confirmed ? new Date(recordedAt.getTime() + 86_400_000) : null,
			confirmedById: confirmed ? (schoolUser.get(school.id) ?? recorder) : null,
			autoApproveAt: new Date(recordedAt.getTime() + 7 * 86_400_000),
			locked: confirmed && !notHeld,
			heldAt: startsAt,
			schoolId: school.id,
			schoolPath: school.path,
			districtId: school.districtId,
			kind,
			topic,
			rural: school.rural,
			leftBehind,
			volunteerId: volunteer.id,
			volunteerCategory: volunteer.category,
			score: null as number | null
		});
		if (confirmed && !notHeld) {
			const [a, b, c] = [3 + Math.floor(r.next() * 3), 3 + Math.floor(r.next() * 3), 2 + Math.floor(r.next() * 4)];
			records.at(-1)!.score = (a + b + c) / 3;
			evaluations.push({
				sessionId,
				content: a,
				delivery: b,
				engagement: c,
				score: (a + b + c) / 3,
				comment: r.pick(['孩子们很喜欢', '内容扎实，讲得生动', '互动还可以更多一些', '']),
				authorId: schoolUser.get(school.id) ?? recorder
			});
		}
	}
	// A few corrections: the count reported was off and a coordinator fixed it, with a reason.
	for (const rec of records.filter((x) => x.outcome === 'held').slice(0, 5)) {
		const before = { pupils: rec.pupils };
		rec.pupils = Math.max(0, rec.pupils - 10);
		Object.assign(rec, { correctionCount: 1 });
		audits.push({
			actorId: recorder,
			orgId: rec.schoolId,
			entity: 'SessionRecord',
			entityId: rec.sessionId,
			action: 'correct',
			before: JSON.stringify(before),
			after: JSON.stringify({ pupils: rec.pupils, reason: '学校签到表核对后人数有误' })
		});
	}
	await db.demand.createMany({ data: demands });
	await db.scheduledSession.createMany({ data: sessions });
	await db.sessionVolunteer.createMany({ data: seats });
	await db.sessionRecord.createMany({ data: records });
	await db.evaluation.createMany({ data: evaluations });
	await db.auditLog.createMany({ data: audits });
	return { sessions: sessions.length };
}

const TOPIC_TITLES: Record<string, string> = {
	family: '家庭教育',
	mental_health: '心理健康',
	reading: '阅读',
	ideology: '思政',
	culture: '传统文化',
	legal: '法治',
	history: '党史',
	science: '科普',
	labour: '劳动',
	arts: '艺术',
	sports: '体育',
	career: '职业'
};
