// A big matching round for scale checks: many needs and volunteers under one district,
// written with createMany so building 3 000 × 800 takes seconds.
import type { Db } from '../../src/lib/server/db';
import { TOPICS } from '../../src/lib/domain/vocabulary';
import { mulberry32 } from '../../src/lib/domain/random';

export interface LargeRound {
	roundId: string;
	demandCount: number;
	volunteerCount: number;
}

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗';
const GIVEN = '建国秀英志强丽华明德淑芬国庆玉兰海燕文斌桂香永红';

export async function buildLargeRound(
	db: Db,
	options: { orgId: string; districtId: string; schools: number; demands: number; volunteers: number; seed?: number; roundName?: string }
): Promise<LargeRound> {
	const random = mulberry32(options.seed ?? 7);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const parent = await db.organization.findUniqueOrThrow({ where: { id: options.orgId } });
	const round = await db.matchingRound.create({
		data: {
			orgId: options.orgId,
			name: options.roundName ?? '大规模测试轮次',
			fromDate: new Date('2027-02-22'),
			toDate: new Date('2027-07-09')
		}
	});

	const schoolIds: string[] = [];
	for (let i = 0; i < options.schools; i++) {
		const id = `lr-${round.id}-s${i}`;
		schoolIds.push(id);
	}
	await db.organization.createMany({
		data: schoolIds.map((id, i) => ({
			id,
			name: `测试学校${String(i + 1).padStart(3, '0')}`,
			level: 'school' as const,
			parentId: parent.id,
			path: `${parent.path}${id}/`,
			districtId: options.districtId,
			rural: i % 3 === 0
		}))
	});

	const kinds = [
		'lecture',
		'mentoring',
		'alumni_visit',
		'principal_to_countryside',
		'craftsman_visit',
		'tutoring',
		'parent_school'
	] as const;
	const demands = Array.from({ length: options.demands }, (_, i) => {
		const from = new Date(Date.UTC(2027, 2, 1 + Math.floor(random() * 90)));
		return {
			id: `lr-${round.id}-n${i}`,
			orgId: pick(schoolIds),
			roundId: round.id,
			kind: pick(kinds),
			title: `需求 ${i + 1}：${pick(['法治教育进校园', '心理健康讲座', '红色故事会', '科普实验课', '家庭教育讲座', '书法传承'])}`,
			topic: pick(TOPICS),
			mode: pick(['offline', 'online', 'any'] as const),
			windowFrom: from,
			windowTo: new Date(from.getTime() + 14 * 86_400_000),
			seats: random() < 0.8 ? 1 : 2,
			priority: 1 + Math.floor(random() * 3),
			status: 'open' as const
		};
	});
	for (let i = 0; i < demands.length; i += 500) await db.demand.createMany({ data: demands.slice(i, i + 500) });

	const volunteers = Array.from({ length: options.volunteers }, (_, i) => ({
		id: `lr-${round.id}-v${i}`,
		orgId: options.orgId,
		name: `${pick([...SURNAMES])}${pick([...GIVEN])}${pick([...GIVEN])}`,
		category: pick(['retired_teacher', 'retired_cadre', 'retired_soldier', 'retired_expert', 'model_worker'] as const),
		homeDistrictId: options.districtId,
		offersOnline: random() < 0.4,
		offersOffline: true,
		maxTravelMinutes: 60,
		monthlyCapacity: 1 + Math.floor(random() * 3)
	}));
	for (let i = 0; i < volunteers.length; i += 500) await db.volunteerProfile.createMany({ data: volunteers.slice(i, i + 500) });
	const topics = volunteers.flatMap((v) => [...new Set([pick(TOPICS), pick(TOPICS)])].map((topic) => ({ volunteerId: v.id, topic })));
	for (let i = 0; i < topics.length; i += 1000) await db.volunteerTopic.createMany({ data: topics.slice(i, i + 1000) });
	const languages = volunteers.map((v) => ({ volunteerId: v.id, language: 'zh' }));
	for (let i = 0; i < languages.length; i += 1000) await db.volunteerLanguage.createMany({ data: languages.slice(i, i + 1000) });
	return { roundId: round.id, demandCount: demands.length, volunteerCount: volunteers.length };
}
