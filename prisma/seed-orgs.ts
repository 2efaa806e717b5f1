// Demo organisations: the city bureau, six districts with travel times between them, their
// schools (a third rural) with the spring term's calendar and visiting hours, and a few village groups.
import type { Db } from '../src/lib/server/db';
import { dateUtc, TERM_FROM, TERM_TO, type Random } from './seed-common';

export const DISTRICTS = [
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

export interface SeededSchool {
	id: string;
	name: string;
	districtIndex: number;
	rural: boolean;
}

/** The organisation tree with travel times, calendars and visiting hours; returns what the later modules build on. */
export async function seedOrganizations(db: Db, r: Random) {
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
	const schools: SeededSchool[] = [];
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
	return { cityId, districtIds, schools, ruralSchools, organizations: orgs.length };
}
