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

/** Topics served by the six expert teams (关爱专家团六个分团). */
export const EXPERT_TEAM_TOPICS: readonly Topic[] = TOPICS.slice(0, 6);

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

export function isTopic(value: string): value is Topic {
	return (TOPICS as readonly string[]).includes(value);
}
