import { describe, expect, it } from 'vitest';
import { describeExplanation } from './describe';
import type { UnscheduledExplanation } from './types';

const explanation: UnscheduledExplanation = {
	session: 'x1',
	series: null,
	windowOutsideHorizon: false,
	days: [
		{
			date: '2026-03-10',
			blockers: [{ code: 'school_hours', school: 's1', weekday: 2, weekly: [{ weekday: 4, from: '09:00', to: '11:30' }] }]
		},
		{
			date: '2026-03-12',
			blockers: [{ code: 'volunteer_hours', volunteer: 'v1', weekday: 4, weekly: [{ weekday: 2, from: '08:30', to: '12:00' }] }]
		},
		{
			date: '2026-03-17',
			blockers: [{ code: 'school_hours', school: 's1', weekday: 2, weekly: [{ weekday: 4, from: '09:00', to: '11:30' }] }]
		}
	]
};
const names = { v1: '李老师', s1: '北塘第三中学' };

describe('describeExplanation', () => {
	it('says who is free when, once per person and school, in Chinese and English', () => {
		expect(describeExplanation(explanation, names, 'zh')).toBe(
			'北塘第三中学 只在 周四 09:00–11:30 接待来访；李老师 只在 周二 08:30–12:00 有空'
		);
		expect(describeExplanation(explanation, new Map(Object.entries(names)), 'en')).toBe(
			'北塘第三中学 receives visitors only on Thursday 09:00–11:30; 李老师 is free only on Tuesday 08:30–12:00'
		);
	});

	it('lists the dates a volunteer is busy, shortening long lists', () => {
		const busy: UnscheduledExplanation = {
			...explanation,
			days: ['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24', '2026-03-31'].map((date) => ({
				date,
				blockers: [{ code: 'volunteer_busy', volunteer: 'v1', sessions: ['x2'] }]
			}))
		};
		expect(describeExplanation(busy, names, 'en')).toBe('李老师 already has other sessions on 03-03, 03-10, 03-17, 03-24 and 1 more days');
		expect(describeExplanation(busy, names, 'zh')).toBe('李老师 在 03-03、03-10、03-17、03-24 等 5 天 已有其他活动');
	});
});
