// Demo veterans: names, categories and topics, where they live and travel, when they are free, and some leave.
import { nameInitials } from '../src/lib/domain/pinyin';
import type { Topic, VolunteerCategoryCode } from '../src/lib/domain/vocabulary';
import type { Db } from '../src/lib/server/db';
import { DAY, SURNAMES, TERM_FROM, TOPIC_WEIGHTS, type Random } from './seed-common';
import { DISTRICTS } from './seed-orgs';

const GIVEN_OLD = [
	'建国',
	'秀英',
	'志强',
	'桂兰',
	'德明',
	'淑芬',
	'国庆',
	'玉兰',
	'振华',
	'凤英',
	'文斌',
	'桂香',
	'永红',
	'福生',
	'春梅',
	'学军',
	'素珍',
	'长江',
	'爱华',
	'卫东'
];
const GIVEN_YOUNG = ['子涵', '浩然', '思远', '雨欣', '一鸣', '晓东', '佳怡', '俊杰'];

const CATEGORY_WEIGHTS: readonly (readonly [VolunteerCategoryCode, number])[] = [
	['retired_teacher', 34],
	['retired_cadre', 16],
	['retired_soldier', 10],
	['retired_expert', 12],
	['model_worker', 8],
	['alumnus', 8],
	['craftsman', 6],
	['retired_principal', 6]
];

const CATEGORY_TOPICS: Partial<Record<VolunteerCategoryCode, Topic[]>> = {
	retired_soldier: ['history', 'ideology', 'legal'],
	retired_cadre: ['ideology', 'history', 'legal'],
	craftsman: ['labour', 'culture', 'career'],
	retired_expert: ['science', 'mental_health', 'career'],
	retired_principal: ['family', 'reading', 'mental_health'],
	model_worker: ['labour', 'ideology', 'history'],
	alumnus: ['career', 'science', 'arts']
};

const OFFERS: Record<Topic, string> = {
	family: '给家长讲讲怎么和孩子好好说话，怎么陪孩子写作业不发火。',
	mental_health: '做过多年心理辅导，可以给学生和年轻老师讲情绪管理、考前减压。',
	reading: '喜欢带孩子读书，可以开读书会，讲怎样读整本书。',
	ideology: '讲党史、新中国史，结合自己的经历讲理想信念。',
	culture: '会写毛笔字、剪纸，可以给孩子上传统文化体验课。',
	legal: '从事政法工作多年，可以讲防欺凌、防诈骗、交通和用水用电安全。',
	history: '亲历过很多历史事件，可以讲红色故事和家乡的变化。',
	science: '退休前搞科研，能带孩子做有趣的科学小实验。',
	labour: '干了一辈子技术活，可以教孩子动手做东西、讲工匠精神。',
	arts: '会唱歌、拉二胡，可以辅导学校文艺队。',
	sports: '当过体育教练，可以带孩子练太极、跳绳。',
	career: '在企业工作多年，可以给中学生讲职业选择。'
};

/** The veterans, with their topics, languages, free times and leave; returns how many. */
export async function seedVolunteers(db: Db, r: Random, districtIds: readonly string[]) {
	const usedNames = new Set<string>();
	const volunteers = [];
	const volunteerTopics = [];
	const volunteerLanguages = [];
	const availability = [];
	const leaves = [];
	for (let i = 0; i < 200; i++) {
		const category = r.weighted(CATEGORY_WEIGHTS);
		const young = category === 'alumnus' || category === 'craftsman';
		let name: string;
		do name = SURNAMES[r.int(0, SURNAMES.length - 1)] + r.pick(young ? GIVEN_YOUNG : GIVEN_OLD);
		while (usedNames.has(name));
		usedNames.add(name);
		const districtIndex = r.weighted(DISTRICTS.map((d, k) => [k, d.county ? 1 : 2] as const));
		const preferred = CATEGORY_TOPICS[category] ?? [];
		const topics = new Set<Topic>();
		if (preferred.length) topics.add(r.pick(preferred));
		while (topics.size < r.int(1, 3)) topics.add(r.weighted(TOPIC_WEIGHTS));
		const online = r.next() < 0.35;
		const offline = !online || r.next() < 0.8;
		const id = `vol-${String(i + 1).padStart(3, '0')}`;
		const [first] = [...topics];
		volunteers.push({
			id,
			orgId: districtIds[districtIndex],
			name,
			nameInitials: nameInitials(name),
			phone: `139${String(10_000_000 + i * 7919).slice(0, 8)}`,
			category,
			birthYear: young ? r.int(1975, 1995) : r.int(1945, 1965),
			offersOnline: online,
			offersOffline: offline,
			homeDistrictId: districtIds[districtIndex],
			maxTravelMinutes: r.pick([30, 45, 60, 60, 75, 90]),
			monthlyCapacity: r.weighted([
				[1, 3],
				[2, 4],
				[3, 2],
				[4, 1],
				[6, 1]
			] as const),
			offer: OFFERS[first],
			bio: `${DISTRICTS[districtIndex].name}人，${young ? '从这里走出去，愿意回来帮帮学弟学妹' : '退休后一直关心下一代工作'}。`
		});
		for (const topic of topics) volunteerTopics.push({ volunteerId: id, topic });
		volunteerLanguages.push({ volunteerId: id, language: 'zh' });
		if (r.next() < 0.08) volunteerLanguages.push({ volunteerId: id, language: r.pick(['yue', 'bo', 'ug', 'en']) });
		for (const weekday of r.sample([1, 2, 3, 4, 5, 6], r.int(1, 3))) {
			const morning = r.next() < 0.6;
			availability.push({
				volunteerId: id,
				weekday,
				fromMinute: morning ? 8 * 60 + 30 : 14 * 60,
				toMinute: morning ? 11 * 60 + 30 : 17 * 60
			});
		}
		if (r.next() < 0.12) {
			const from = new Date(TERM_FROM.getTime() + r.int(0, 100) * DAY);
			leaves.push({
				volunteerId: id,
				fromDate: from,
				toDate: new Date(from.getTime() + r.int(3, 20) * DAY),
				reason: r.pick(['回老家探亲', '住院复查', '照看孙辈', '外出旅游']),
				status: r.next() < 0.6 ? ('approved' as const) : ('pending' as const)
			});
		}
	}
	await db.volunteerProfile.createMany({ data: volunteers });
	await db.volunteerTopic.createMany({ data: volunteerTopics });
	await db.volunteerLanguage.createMany({ data: volunteerLanguages });
	await db.availabilitySlot.createMany({ data: availability });
	await db.leave.createMany({ data: leaves });
	return volunteers.length;
}
