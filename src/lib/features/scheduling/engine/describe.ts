// Words for an explanation, in Chinese or English: the day-by-day blockers are grouped by
// who blocked and how, e.g. "李老师 is free only on Tuesday 08:30-12:00; 北塘第三中学
// receives visitors only on Thursday 09:00-11:30". Names come from the caller (id -> display
// name); unknown ids are shown as they are.
import type { Blocker, UnscheduledExplanation, WeeklyInterval } from './types';

export type ExplanationLocale = 'zh' | 'en';

const WEEKDAYS = {
	zh: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
	en: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
} as const;

const MAX_DATES = 4;

function dates(list: readonly string[], locale: ExplanationLocale): string {
	const shown = list.slice(0, MAX_DATES).map((d) => d.slice(5));
	const more = list.length - shown.length;
	const sep = locale === 'zh' ? '、' : ', ';
	if (!more) return shown.join(sep);
	return locale === 'zh' ? `${shown.join(sep)} 等 ${list.length} 天` : `${shown.join(sep)} and ${more} more days`;
}

function hours(weekly: readonly WeeklyInterval[], locale: ExplanationLocale): string {
	const sorted = [...weekly].sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from));
	return sorted.map((w) => `${WEEKDAYS[locale][w.weekday]} ${w.from}–${w.to}`).join(locale === 'zh' ? '、' : ', ');
}

/** The subject a blocker is about, so blockers of one kind and subject merge across days. */
function keyOf(b: Blocker): string {
	switch (b.code) {
		case 'volunteer_hours':
		case 'volunteer_busy':
		case 'travel':
		case 'weekly_cap':
			return `${b.code} ${b.volunteer}`;
		case 'volunteer_leave':
			return `${b.code} ${b.volunteer} ${b.leave.from}`;
		case 'school_hours':
		case 'rooms_full':
			return `${b.code} ${b.school}`;
		case 'school_blackout':
			return `${b.code} ${b.school} ${b.blackout.from}`;
		case 'no_common_time':
			return `${b.code} ${b.school}`;
		case 'series_incomplete':
		case 'not_worth_it':
			return b.code;
	}
}

function sentence(b: Blocker, on: readonly string[], name: (id: string) => string, locale: ExplanationLocale): string {
	const zh = locale === 'zh';
	const when = dates(on, locale);
	switch (b.code) {
		case 'volunteer_hours':
			if (!b.weekly.length) return zh ? `${name(b.volunteer)} 没有填写每周可用时间` : `${name(b.volunteer)} has no weekly availability`;
			return zh
				? `${name(b.volunteer)} 只在 ${hours(b.weekly, locale)} 有空`
				: `${name(b.volunteer)} is free only on ${hours(b.weekly, locale)}`;
		case 'school_hours':
			if (!b.weekly.length) return zh ? `${name(b.school)} 没有开放接待时间` : `${name(b.school)} has no visiting hours`;
			return zh
				? `${name(b.school)} 只在 ${hours(b.weekly, locale)} 接待来访`
				: `${name(b.school)} receives visitors only on ${hours(b.weekly, locale)}`;
		case 'volunteer_leave':
			return zh
				? `${name(b.volunteer)} ${b.leave.from} 至 ${b.leave.to} 请假`
				: `${name(b.volunteer)} is on leave ${b.leave.from} to ${b.leave.to}`;
		case 'school_blackout':
			return zh
				? `${name(b.school)} ${b.blackout.from} 至 ${b.blackout.to} 不接待（考试或假期）`
				: `${name(b.school)} is closed ${b.blackout.from} to ${b.blackout.to}`;
		case 'no_common_time': {
			const who = [...b.volunteers.map(name), name(b.school)].join(zh ? '、' : ', ');
			return zh ? `${who} 在 ${when} 没有共同的空闲时段` : `${who} have no common free time on ${when}`;
		}
		case 'volunteer_busy':
			return zh ? `${name(b.volunteer)} 在 ${when} 已有其他活动` : `${name(b.volunteer)} already has other sessions on ${when}`;
		case 'travel':
			return zh
				? `${name(b.volunteer)} 在 ${when} 来不及往返于两所学校之间`
				: `${name(b.volunteer)} cannot travel between schools in time on ${when}`;
		case 'rooms_full':
			if (b.rooms === 0) return zh ? `${name(b.school)} 没有可用教室` : `${name(b.school)} has no room`;
			return zh ? `${name(b.school)} 的教室在 ${when} 都已排满` : `${name(b.school)}'s rooms are all taken on ${when}`;
		case 'weekly_cap':
			return zh
				? `${name(b.volunteer)} 在 ${when} 所在的周已排满（每周最多 ${b.maxPerWeek} 次）`
				: `${name(b.volunteer)} already has the most sessions a week allows (${b.maxPerWeek}) in the weeks of ${when}`;
		case 'series_incomplete':
			return zh
				? `这组系列活动无法按间隔要求全部排入（${when} 本身可行）`
				: `the series cannot be placed whole at the required spacing (${when} would be free on its own)`;
		case 'not_worth_it':
			return zh ? `${when} 可排，但该活动优先级为 0，未排入` : `${when} would be free, but the session has priority 0 and was left out`;
	}
}

/**
 * Sentences explaining why a session was left out, joined in one line. `names` maps the ids
 * of volunteers and schools to display names.
 */
export function describeExplanation(
	explanation: UnscheduledExplanation,
	names: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
	locale: ExplanationLocale
): string {
	const name = (id: string) => (names instanceof Map ? names.get(id) : (names as Record<string, string>)[id]) ?? id;
	const zh = locale === 'zh';
	if (explanation.windowOutsideHorizon) return zh ? '活动的时间窗口不在排期范围内' : 'its window lies outside the planning horizon';
	const groups = new Map<string, { blocker: Blocker; dates: string[] }>();
	for (const day of explanation.days)
		for (const blocker of day.blockers) {
			const key = keyOf(blocker);
			const group = groups.get(key);
			if (group) group.dates.push(day.date);
			else groups.set(key, { blocker, dates: [day.date] });
		}
	return [...groups.values()].map((g) => sentence(g.blocker, g.dates, name, locale)).join(zh ? '；' : '; ');
}
