// Demo resource menu (资源菜单): offerings of the seeded veterans, most on the menu, a couple
// waiting for review, so `school` can browse and book and `coord` has something to review.
import { nameInitials } from '../src/lib/domain/pinyin';
import type { Db } from '../src/lib/server/db';

interface Sample {
	topic: string;
	title: string;
	kind: 'lecture' | 'parent_school' | 'mentoring' | 'tutoring';
	audience: string;
	minutes: number;
	sessionCount: number;
	description: string;
}

const SAMPLES: Sample[] = [
	{
		topic: 'history',
		title: '红色家书里的家国情怀',
		kind: 'lecture',
		audience: 'junior_high,senior_high',
		minutes: 90,
		sessionCount: 1,
		description: '读几封革命先辈的家书，讲家与国的故事。'
	},
	{
		topic: 'family',
		title: '做智慧父母：家庭教育六讲',
		kind: 'parent_school',
		audience: 'parents',
		minutes: 60,
		sessionCount: 6,
		description: '亲子沟通、习惯养成、手机管理等六个专题，面向家长。'
	},
	{
		topic: 'mental_health',
		title: '考试不焦虑：心理健康工作坊',
		kind: 'lecture',
		audience: 'junior_high,senior_high',
		minutes: 60,
		sessionCount: 1,
		description: '考前压力从哪里来，怎样放松、怎样睡好。'
	},
	{
		topic: 'legal',
		title: '法治进校园：身边的法律',
		kind: 'lecture',
		audience: 'primary_upper,junior_high',
		minutes: 45,
		sessionCount: 1,
		description: '用真实案例讲校园欺凌、网络安全和自我保护。'
	},
	{
		topic: 'reading',
		title: '整本书阅读怎么读',
		kind: 'lecture',
		audience: 'primary_upper,young_teachers',
		minutes: 90,
		sessionCount: 1,
		description: '带孩子读完一本书的方法，也适合青年语文教师。'
	},
	{
		topic: 'culture',
		title: '书法与汉字之美',
		kind: 'lecture',
		audience: 'primary_lower,primary_upper',
		minutes: 60,
		sessionCount: 1,
		description: '从甲骨文讲到楷书，现场示范毛笔字。'
	},
	{
		topic: 'ideology',
		title: '我的入党故事：思政微课',
		kind: 'lecture',
		audience: 'senior_high,teachers',
		minutes: 45,
		sessionCount: 1,
		description: '一位老党员的亲身经历。'
	},
	{
		topic: 'science',
		title: '身边的科学小实验',
		kind: 'lecture',
		audience: 'primary_lower,primary_upper',
		minutes: 60,
		sessionCount: 1,
		description: '用矿泉水瓶和气球做实验，讲清楚原理。'
	},
	{
		topic: 'labour',
		title: '工匠精神：一把锉刀的故事',
		kind: 'lecture',
		audience: 'vocational,senior_high',
		minutes: 90,
		sessionCount: 1,
		description: '老工匠讲手艺、讲耐心。'
	},
	{
		topic: 'arts',
		title: '民歌欣赏与学唱',
		kind: 'lecture',
		audience: 'primary_upper,junior_high',
		minutes: 45,
		sessionCount: 1,
		description: '家乡民歌的来历，学唱两首。'
	}
];

export async function seedOfferings(db: Db, demoVolunteerId: string): Promise<number> {
	const rows = [];
	for (const [i, sample] of SAMPLES.entries()) {
		// Several veterans of the topic offer it, in their own words only through the title here.
		const volunteers = await db.volunteerProfile.findMany({
			where: { topics: { some: { topic: sample.topic } }, id: { not: demoVolunteerId } },
			select: { id: true, offersOnline: true, offersOffline: true },
			orderBy: { id: 'asc' },
			take: 3
		});
		for (const [j, v] of volunteers.entries()) {
			const title = j === 0 ? sample.title : `${sample.title}（${j + 1}）`;
			rows.push({
				volunteerId: v.id,
				title,
				titleInitials: nameInitials(title),
				kind: sample.kind,
				topic: sample.topic,
				audience: sample.audience,
				minutes: sample.minutes,
				sessionCount: sample.sessionCount,
				offersOnline: v.offersOnline,
				offersOffline: v.offersOffline || !v.offersOnline,
				perTerm: sample.sessionCount > 1 ? 1 : 3,
				description: sample.description,
				status: (i + j) % 9 === 4 ? ('pending' as const) : ('approved' as const)
			});
		}
	}
	const own = [
		{
			title: '陪孩子读好一本书',
			topic: 'reading',
			kind: 'lecture' as const,
			audience: 'primary_lower,primary_upper',
			minutes: 60,
			sessionCount: 1,
			description: '教了三十八年语文，和孩子们一起读绘本、读童话。',
			status: 'approved' as const
		},
		{
			title: '写好中国字：硬笔书法入门',
			topic: 'culture',
			kind: 'lecture' as const,
			audience: 'primary_upper',
			minutes: 45,
			sessionCount: 1,
			description: '从握笔姿势讲起。',
			status: 'pending' as const
		}
	];
	for (const o of own) {
		rows.push({
			...o,
			volunteerId: demoVolunteerId,
			titleInitials: nameInitials(o.title),
			offersOnline: false,
			offersOffline: true,
			perTerm: 3
		});
	}
	await db.offering.createMany({ data: rows });
	return rows.length;
}
