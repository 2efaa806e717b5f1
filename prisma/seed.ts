// The demo prefecture: a city bureau, six districts with travel times, ~60 schools (a third
// rural) with calendars and visiting hours, ~200 veterans, ~400 needs of every kind, the
// spring round and one account per role. Deterministic, and run once: an existing database
// is left alone. `npm run db:seed` (or `tsx prisma/seed.ts`) migrates first.
import { pathToFileURL } from 'node:url';
import { nameInitials } from '../src/lib/domain/pinyin';
import { AUDIENCES, type DemandKindCode, type Topic, type VolunteerCategoryCode } from '../src/lib/domain/vocabulary';
import { hashPassword } from '../src/lib/server/auth/password';
import { createDb, type Db } from '../src/lib/server/db';
import { resolveDatabase } from './database';
import { migrate } from './migrate';
import { seedOfferings } from './seed-offerings';
import { seedRecords } from './seed-records';
import { seedScheduling } from './seed-scheduling';
import { seededRandom } from '../src/lib/domain/random';

export const DEMO_PASSWORD = 'silver2026';

export interface DemoAccount {
	username: string;
	phone: string;
	role: 'admin' | 'coordinator' | 'leader' | 'school' | 'volunteer';
	displayName: string;
	where: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{ username: 'admin', phone: '13900000001', role: 'admin', displayName: '系统管理员', where: '江州市教育局关工委' },
	{ username: 'coord', phone: '13900000002', role: 'coordinator', displayName: '王主任', where: '江州市教育局关工委' },
	{ username: 'coord2', phone: '13900000003', role: 'coordinator', displayName: '陈秘书长', where: '江州市教育局关工委' },
	{ username: 'dcoord', phone: '13900000004', role: 'coordinator', displayName: '刘干事', where: '东湖区关工委' },
	{ username: 'leader', phone: '13900000005', role: 'leader', displayName: '周局长', where: '江州市教育局关工委' },
	{ username: 'school', phone: '13900000006', role: 'school', displayName: '东湖实验小学关工委', where: '东湖实验小学' },
	{ username: 'volunteer', phone: '13900000007', role: 'volunteer', displayName: '李秀兰老师', where: '东湖区关工委' }
];

export interface SeedSummary {
	skipped: boolean;
	organizations: number;
	schools: number;
	volunteers: number;
	demands: number;
	roundId: string | null;
}

const DISTRICTS = [
	{ name: '东湖区', en: 'Donghu District', x: 0, y: 0, county: false },
	{ name: '西山区', en: 'Xishan District', x: -18, y: 4, county: false },
	{ name: '南江区', en: 'Nanjiang District', x: 4, y: -16, county: false },
	{ name: '北塘区', en: 'Beitang District', x: 6, y: 17, county: false },
	{ name: '青溪县', en: 'Qingxi County', x: -34, y: -22, county: true },
	{ name: '云岭县', en: 'Yunling County', x: 30, y: 36, county: true }
] as const;

const URBAN_SCHOOLS = [
	'实验小学',
	'第一小学',
	'第二小学',
	'中心小学',
	'第一中学',
	'第二中学',
	'第三中学',
	'外国语学校',
	'职业技术学校',
	'高级中学'
];
const COUNTY_SCHOOLS = ['县实验小学', '县第一中学', '城关小学', '职业中学'];
const TOWNS = ['柳塘镇', '石桥镇', '桃源乡', '青山乡', '白沙镇', '云溪乡', '杏花乡', '龙泉镇'];
const VILLAGES = ['柳村', '杨家湾', '石门村', '桃花坞', '新屋场', '上坪村'];

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
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

const TOPIC_WEIGHTS: readonly (readonly [Topic, number])[] = [
	['legal', 16],
	['history', 15],
	['mental_health', 12],
	['family', 12],
	['reading', 9],
	['ideology', 8],
	['culture', 8],
	['science', 7],
	['labour', 5],
	['arts', 4],
	['sports', 2],
	['career', 2]
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

const TITLE_BY_TOPIC: Record<Topic, string[]> = {
	family: ['家庭教育讲座：如何陪伴孩子成长', '家长课堂：走进孩子的内心'],
	mental_health: ['心理健康讲座：考前减压', '青春期心理健康辅导'],
	reading: ['整本书阅读指导', '读书分享会'],
	ideology: ['思政课：理想信念教育', '党史学习教育进校园'],
	culture: ['书法传承课', '剪纸与非遗文化体验'],
	legal: ['法治教育进校园：预防校园欺凌', '安全教育：防溺水与防诈骗'],
	history: ['红色故事会', '五史宣讲：家乡的变迁'],
	science: ['科普实验课', '科学家精神宣讲'],
	labour: ['劳动教育：工匠进校园', '动手做：木工与手工课'],
	arts: ['合唱团辅导', '民乐兴趣课'],
	sports: ['太极拳进校园', '传统体育游戏'],
	career: ['生涯规划讲座', '杰出校友谈成长']
};

const TUTORING_TITLE: Partial<Record<Topic, string>> = {
	family: '一对一辅导：学习习惯养成',
	mental_health: '一对一辅导：情绪与学习压力',
	reading: '一对一辅导：阅读与写作',
	science: '一对一辅导：数学与科学'
};

const KIND_WEIGHTS: readonly (readonly [DemandKindCode, number])[] = [
	['lecture', 40],
	['mentoring', 16],
	['alumni_visit', 8],
	['principal_to_countryside', 7],
	['craftsman_visit', 8],
	['tutoring', 11],
	['parent_school', 10]
];

const DAY = 86_400_000;
const dateUtc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const TERM_FROM = dateUtc(2027, 2, 22);
const TERM_TO = dateUtc(2027, 7, 9);

/** Builds the demo prefecture unless the database already holds organisations. */
export async function seedDemo(db: Db, options: { seed?: number } = {}): Promise<SeedSummary> {
	if ((await db.organization.count()) > 0) {
		return { skipped: true, organizations: 0, schools: 0, volunteers: 0, demands: 0, roundId: null };
	}
	const r = seededRandom(options.seed ?? 2027);
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	// ---- Organisations ----
	const cityId = 'org-city';
	const orgs: {
		id: string;
		name: string;
		nameEn?: string;
		level: 'city' | 'district' | 'school' | 'village_group';
		parentId: string | null;
		path: string;
		districtId: string | null;
		rural: boolean;
		rooms: number;
		address: string | null;
	}[] = [
		{
			id: cityId,
			name: '江州市教育局关工委',
			nameEn: 'Jiangzhou Education Bureau Committee',
			level: 'city',
			parentId: null,
			path: `/${cityId}/`,
			districtId: null,
			rural: false,
			rooms: 1,
			address: '江州市人民路 1 号'
		}
	];
	const districtIds: string[] = [];
	const schools: { id: string; name: string; districtIndex: number; rural: boolean }[] = [];
	DISTRICTS.forEach((d, i) => {
		const id = `org-d${i + 1}`;
		districtIds.push(id);
		orgs.push({
			id,
			name: `${d.name}关工委`,
			nameEn: `${d.en} Committee`,
			level: 'district',
			parentId: cityId,
			path: `/${cityId}/${id}/`,
			districtId: id,
			rural: d.county,
			rooms: 1,
			address: `${d.name}政府大院`
		});
		const short = d.name.slice(0, 2);
		const names = d.county
			? [...COUNTY_SCHOOLS.map((s) => `${short}${s}`), ...r.sample(TOWNS, 6).map((t, k) => `${short}${t}${k % 2 ? '中学' : '中心小学'}`)]
			: URBAN_SCHOOLS.map((s) => `${short}${s}`);
		names.forEach((name, k) => {
			const sid = `org-d${i + 1}-s${k + 1}`;
			const rural = d.county ? k >= 2 : k === 3 && i % 2 === 1;
			schools.push({ id: sid, name, districtIndex: i, rural });
			orgs.push({
				id: sid,
				name,
				level: 'school',
				parentId: id,
				path: `/${cityId}/${id}/${sid}/`,
				districtId: id,
				rural,
				rooms: r.int(1, 3),
				address: `${d.name}${r.pick(['学府路', '建设路', '文化街', '新华路'])}${r.int(1, 300)} 号`
			});
		});
	});
	const ruralSchools = schools.filter((s) => s.rural);
	for (const [k, s] of r.sample(ruralSchools, 6).entries()) {
		const id = `${s.id}-v1`;
		orgs.push({
			id,
			name: `${VILLAGES[k % VILLAGES.length]}关工小组`,
			level: 'village_group',
			parentId: s.id,
			path: `/${cityId}/${districtIds[s.districtIndex]}/${s.id}/${id}/`,
			districtId: districtIds[s.districtIndex],
			rural: true,
			rooms: 1,
			address: null
		});
	}
	await db.organization.createMany({ data: orgs });

	const travel = [];
	for (let i = 0; i < DISTRICTS.length; i++) {
		for (let j = 0; j < DISTRICTS.length; j++) {
			if (i === j) continue;
			const a = DISTRICTS[i];
			const b = DISTRICTS[j];
			const km = Math.hypot(a.x - b.x, a.y - b.y);
			// Mountain roads in the counties are slow; the direction matters a little (one-way systems).
			const minutes = Math.round(15 + km * (a.county || b.county ? 1.6 : 1.2) + (i < j ? 0 : 3));
			travel.push({ fromId: districtIds[i], toId: districtIds[j], minutes });
		}
	}
	await db.travelTime.createMany({ data: travel });

	const calendar = schools.flatMap((s) => [
		{ orgId: s.id, kind: 'term' as const, label: '2027 年春季学期', fromDate: TERM_FROM, toDate: TERM_TO },
		{ orgId: s.id, kind: 'holiday' as const, label: '清明节', fromDate: dateUtc(2027, 4, 3), toDate: dateUtc(2027, 4, 5) },
		{ orgId: s.id, kind: 'holiday' as const, label: '劳动节', fromDate: dateUtc(2027, 5, 1), toDate: dateUtc(2027, 5, 5) },
		{ orgId: s.id, kind: 'exam' as const, label: '期中考试', fromDate: dateUtc(2027, 4, 19), toDate: dateUtc(2027, 4, 23) },
		{ orgId: s.id, kind: 'exam' as const, label: '期末考试', fromDate: dateUtc(2027, 6, 28), toDate: dateUtc(2027, 7, 2) }
	]);
	await db.schoolCalendarEntry.createMany({ data: calendar });
	const hours = schools.flatMap((s) =>
		r
			.sample([1, 2, 3, 4, 5], r.int(2, 4))
			.flatMap((weekday) => [
				{ orgId: s.id, weekday, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 },
				...(r.next() < 0.6 ? [{ orgId: s.id, weekday, fromMinute: 14 * 60 + 30, toMinute: 16 * 60 + 30 }] : [])
			])
	);
	await db.visitingHours.createMany({ data: hours });

	// ---- Volunteers ----
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

	// ---- Round and needs ----
	const round = await db.matchingRound.create({ data: { orgId: cityId, name: '2027 春季学期', fromDate: TERM_FROM, toDate: TERM_TO } });
	const demands = [];
	const pupils = [];
	for (let i = 0; i < 400; i++) {
		const kind = r.weighted(KIND_WEIGHTS);
		const school = r.next() < 0.4 && ruralSchools.length ? r.pick(ruralSchools) : r.pick(schools);
		const topic: Topic =
			kind === 'craftsman_visit'
				? 'labour'
				: kind === 'parent_school'
					? 'family'
					: kind === 'alumni_visit'
						? r.pick(['career', 'science', 'history'] as const)
						: kind === 'mentoring' || kind === 'tutoring'
							? r.pick(['family', 'mental_health', 'reading', 'science'] as const)
							: r.weighted(TOPIC_WEIGHTS);
		const series = kind === 'mentoring' || kind === 'tutoring';
		const hardship = series && r.next() < 0.5;
		const leftBehind = school.rural && r.next() < 0.4;
		const priority = hardship || leftBehind ? 3 : school.rural ? 2 : 1;
		// Alumni come home in the holidays; everyone else during term.
		const windowFrom = kind === 'alumni_visit' ? dateUtc(2027, 5, 1) : new Date(TERM_FROM.getTime() + r.int(7, 110) * DAY);
		const windowTo = kind === 'alumni_visit' ? dateUtc(2027, 5, 5) : series ? TERM_TO : new Date(windowFrom.getTime() + r.int(7, 21) * DAY);
		const id = `need-${String(i + 1).padStart(3, '0')}`;
		const audience =
			kind === 'parent_school' ? 'parents' : kind === 'principal_to_countryside' ? 'young_teachers' : r.pick(AUDIENCES.slice(0, 5));
		demands.push({
			id,
			orgId: school.id,
			roundId: round.id,
			kind,
			title:
				kind === 'principal_to_countryside'
					? '老校长下乡：青年教师课堂指导'
					: kind === 'mentoring'
						? `结对帮扶：${r.pick(['三年级', '四年级', '五年级', '初一', '初二'])}学生成长陪伴`
						: kind === 'tutoring'
							? (TUTORING_TITLE[topic] ?? '一对一辅导')
							: r.pick(TITLE_BY_TOPIC[topic]),
			topic,
			audience,
			audienceSize: series ? 1 : kind === 'parent_school' ? r.int(40, 200) : r.int(30, 400),
			mode: series
				? r.weighted([
						['online', 1],
						['offline', 2],
						['any', 2]
					] as const)
				: r.weighted([
						['offline', 6],
						['any', 3],
						['online', 1]
					] as const),
			windowFrom,
			windowTo,
			sessionCount: series ? r.int(4, 8) : 1,
			sessionMinutes: series ? 60 : r.pick([45, 60, 90]),
			seats: kind === 'lecture' && r.next() < 0.2 ? r.int(2, 3) : 1,
			priority,
			rural: school.rural,
			leftBehind,
			hardship,
			language: r.next() < 0.03 ? r.pick(['bo', 'ug']) : null,
			notes:
				r.next() < 0.3 ? r.pick(['学校礼堂可容纳 300 人', '请提前一周联系教务处', '需要投影设备', '学生多为留守儿童，请多些耐心']) : '',
			status: r.next() < 0.08 ? ('draft' as const) : ('open' as const)
		});
		if (kind === 'mentoring') {
			pupils.push({
				demandId: id,
				pseudonym: `小${r.pick(['雨', '星', '禾', '苗', '叶', '溪'])}`,
				grade: r.pick(['三年级', '四年级', '五年级', '初一', '初二']),
				needs: r.pick(['父母在外务工，希望有人陪伴谈心', '学习跟不上，缺少辅导', '性格内向，需要鼓励']),
				realName: `${SURNAMES[r.int(0, SURNAMES.length - 1)]}某某`,
				contact: `监护人电话 138${String(r.int(10_000_000, 99_999_999))}`
			});
		}
	}
	await db.demand.createMany({ data: demands });
	await db.mentoredPupil.createMany({ data: pupils });

	// ---- Demo accounts ----
	const schoolOrg = schools[0];
	const orgOf: Record<DemoAccount['role'] | 'dcoord', string> = {
		admin: cityId,
		coordinator: cityId,
		leader: cityId,
		school: schoolOrg.id,
		volunteer: districtIds[0],
		dcoord: districtIds[0]
	};
	for (const account of DEMO_ACCOUNTS) {
		const user = await db.user.create({
			data: { username: account.username, phone: account.phone, displayName: account.displayName, passwordHash }
		});
		const orgId = account.username === 'dcoord' ? orgOf.dcoord : orgOf[account.role];
		await db.membership.create({ data: { userId: user.id, orgId, role: account.role } });
		if (account.role === 'volunteer') {
			const id = 'vol-demo';
			await db.volunteerProfile.create({
				data: {
					id,
					userId: user.id,
					orgId,
					name: '李秀兰',
					nameInitials: nameInitials('李秀兰'),
					phone: account.phone,
					category: 'retired_teacher',
					birthYear: 1952,
					offersOffline: true,
					offersOnline: false,
					homeDistrictId: orgId,
					maxTravelMinutes: 45,
					monthlyCapacity: 2,
					offer: '教了三十八年语文，可以给孩子讲阅读，也可以陪留守孩子聊聊天。',
					bio: '东湖区人，退休语文教师，喜欢书法。',
					topics: { create: [{ topic: 'reading' }, { topic: 'family' }, { topic: 'culture' }] },
					languages: { create: [{ language: 'zh' }] },
					availability: {
						create: [
							{ weekday: 2, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 },
							{ weekday: 4, fromMinute: 14 * 60, toMinute: 17 * 60 }
						]
					}
				}
			});
		}
	}

	await seedOfferings(db, 'vol-demo');

	await seedRecords(db);
	await seedScheduling(db, round.id);
	return {
		skipped: false,
		organizations: orgs.length,
		schools: schools.length,
		volunteers: volunteers.length + 1,
		demands: demands.length,
		roundId: round.id
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const target = resolveDatabase(process.env);
	await migrate(target);
	const db = createDb(target);
	try {
		const summary = await seedDemo(db);
		console.log(
			summary.skipped
				? 'Demo data: the database already has data; nothing seeded.'
				: `Demo data: ${summary.organizations} organisations (${summary.schools} schools), ${summary.volunteers} volunteers, ${summary.demands} needs; round ${summary.roundId}.`
		);
	} finally {
		await db.$disconnect();
	}
}
