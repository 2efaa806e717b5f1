// Usual free times ("2:morning") in words: 星期二上午、星期四下午.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const weekdays = [
	m.volunteers_weekday_1,
	m.volunteers_weekday_2,
	m.volunteers_weekday_3,
	m.volunteers_weekday_4,
	m.volunteers_weekday_5,
	m.volunteers_weekday_6,
	m.volunteers_weekday_7
];
const parts: Record<string, () => string> = {
	morning: m.volunteers_part_morning,
	afternoon: m.volunteers_part_afternoon,
	evening: m.volunteers_part_evening
};

export function usualTimesText(keys: readonly string[]): string {
	const en = getLocale() === 'en';
	return keys
		.map((key) => {
			const [weekday, part] = key.split(':');
			return `${weekdays[Number(weekday) - 1]?.() ?? ''}${en ? ' ' : ''}${parts[part]?.() ?? ''}`;
		})
		.join(en ? ', ' : '、');
}
