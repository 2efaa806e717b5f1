// Demo round and needs: the spring round of the city, and the schools' needs of every kind, with mentored pupils.
import { AUDIENCES, type DemandKindCode, type Topic } from '../src/lib/domain/vocabulary';
import type { Db } from '../src/lib/server/db';
import { DAY, dateUtc, SURNAMES, TERM_FROM, TERM_TO, TOPIC_WEIGHTS, type Random } from './seed-common';
import type { SeededSchool } from './seed-orgs';

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

/** The spring round and its needs; returns the round and how many needs. */
export async function seedDemands(
	db: Db,
	r: Random,
	{ cityId, schools, ruralSchools }: { cityId: string; schools: readonly SeededSchool[]; ruralSchools: readonly SeededSchool[] }
) {
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
	return { round, demands: demands.length };
}
