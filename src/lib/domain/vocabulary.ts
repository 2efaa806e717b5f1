// The fixed vocabularies of the domain. Codes are stored in the database and the batch
// formats; their labels live in the message catalogue (src/lib/i18n/messages).

/** The six expert teams first, then the other programme topics. */
export const TOPICS = [
	'family',
	'mental_health',
	'reading',
	'ideology',
	'culture',
	'legal',
	'history',
	'science',
	'labour',
	'arts',
	'sports',
	'career'
] as const;
export type Topic = (typeof TOPICS)[number];

export const VOLUNTEER_CATEGORIES = [
	'retired_teacher',
	'retired_cadre',
	'retired_soldier',
	'retired_expert',
	'model_worker',
	'alumnus',
	'craftsman',
	'retired_principal'
] as const;
export type VolunteerCategoryCode = (typeof VOLUNTEER_CATEGORIES)[number];

export const DEMAND_KINDS = [
	'lecture',
	'mentoring',
	'alumni_visit',
	'principal_to_countryside',
	'craftsman_visit',
	'tutoring',
	'parent_school'
] as const;
export type DemandKindCode = (typeof DEMAND_KINDS)[number];

export const SESSION_MODES = ['online', 'offline', 'any'] as const;
export const ROLES = ['admin', 'coordinator', 'leader', 'school', 'volunteer'] as const;
export type RoleCode = (typeof ROLES)[number];

export const ORG_LEVELS = ['city', 'district', 'school', 'village_group'] as const;
export type OrgLevelCode = (typeof ORG_LEVELS)[number];

export const AUDIENCES = [
	'primary_lower',
	'primary_upper',
	'junior_high',
	'senior_high',
	'vocational',
	'parents',
	'young_teachers',
	'teachers'
] as const;

/** Languages a volunteer may speak or a demand may require (ISO 639 codes). */
export const LANGUAGES = ['zh', 'yue', 'bo', 'ug', 'mn', 'ii', 'za', 'en'] as const;

/** 1 normal, 2 rural / under-served school, 3 left-behind or hardship pupils. */
export const PRIORITIES = [1, 2, 3] as const;

/**
 * Other words committees use for a topic (their rosters and need lists say 法制教育, 党史,
 * 心理辅导…). Domain knowledge, read wherever people's own words meet the vocabulary.
 */
export const TOPIC_SYNONYMS: Record<Topic, readonly string[]> = {
	family: ['家庭教育指导', '家教', '家风', '家风家教', '亲子教育', '家长课堂'],
	mental_health: ['心理健康教育', '心理辅导', '心理咨询', '心理疏导', '心理'],
	reading: ['阅读', '读书', '读书指导', '经典诵读', '阅读指导'],
	ideology: ['思想政治', '思想政治教育', '思政', '理想信念', '理想信念教育', '爱国主义教育', '德育'],
	culture: ['中华优秀传统文化', '传统文化教育', '国学', '非遗', '书法'],
	legal: ['法制教育', '法治教育', '法制', '普法', '安全教育', '法制安全', '法治安全', '禁毒', '防溺水', '交通安全'],
	history: [
		'党史',
		'国史',
		'新中国史',
		'改革开放史',
		'社会主义发展史',
		'四史',
		'四史教育',
		'五史',
		'革命传统',
		'红色故事',
		'红色教育',
		'革命传统教育'
	],
	science: ['科普', '科技', '科学', '科学普及', '科技创新'],
	labour: ['劳动', '劳动实践', '劳动技能'],
	arts: ['美育', '美术', '音乐', '艺术教育', '文艺'],
	sports: ['体育锻炼', '运动', '健身'],
	career: ['生涯教育', '职业规划', '职业生涯规划', '就业指导', '升学指导']
};
