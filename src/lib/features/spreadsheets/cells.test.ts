// Cells read the way people type them.
import { describe, expect, it } from 'vitest';
import { normalizePhone, parseDay, parseWholeNumber, parseYesNo, splitList } from './cells';
import { codeOf, columnForHeader, SKIP, VOCABULARIES } from './sheet-spec';
import { VOLUNTEER_COLUMNS } from './volunteer-sheet';

describe('spreadsheet cells', () => {
	it('reads dates as Excel date cells, day numbers and the usual spellings', () => {
		expect(parseDay(new Date(Date.UTC(2027, 2, 1)))).toBe('2027-03-01');
		// A time a hair before midnight stays on its day.
		expect(parseDay(new Date(Date.UTC(2027, 2, 1) - 1))).toBe('2027-03-01');
		expect(parseDay(46447)).toBe('2027-03-01');
		for (const text of [
			'2027-03-01',
			'2027-3-1',
			'2027/3/1',
			'2027.03.01',
			'2027年3月1日',
			'2027 年 3 月 1 日',
			'２０２７年３月１日',
			' 2027/03/01 '
		]) {
			expect(parseDay(text), text).toBe('2027-03-01');
		}
		for (const bad of ['2027-02-30', '2027/13/1', '3/1/2027', '明年三月', '20270301', '']) expect(parseDay(bad), bad).toBeNull();
		expect(parseDay(12)).toBeNull();
	});

	it('reads yes and no in Chinese, English and ticks', () => {
		for (const yes of ['是', 'Y', 'yes', 'TRUE', '✓', '√', '1', true]) expect(parseYesNo(yes), String(yes)).toBe(true);
		for (const no of ['否', 'n', 'No', 'false', '✗', '×', '0', false]) expect(parseYesNo(no), String(no)).toBe(false);
		expect(parseYesNo('也许')).toBeNull();
	});

	it('splits several values at 、，,; and spaces, keeping labels that contain spaces or commas', () => {
		expect(splitList('法治与安全、五史教育，家庭教育;阅读辅导 传统文化')).toEqual([
			'法治与安全',
			'五史教育',
			'家庭教育',
			'阅读辅导',
			'传统文化'
		]);
		const known = (phrase: string) => codeOf(VOCABULARIES.topic, phrase) !== null || codeOf(VOCABULARIES.audience, phrase) !== null;
		expect(splitList('Law and safety, History', known)).toEqual(['Law and safety', 'History']);
		expect(splitList('Primary, lower grades, Parents', known)).toEqual(['Primary lower grades', 'Parents']);
		expect(codeOf(VOCABULARIES.audience, 'Primary lower grades')).toBe('primary_lower');
	});

	it('knows vocabulary values by Chinese label, English label, code or a common alias', () => {
		expect(codeOf(VOCABULARIES.topic, '法治与安全')).toBe('legal');
		expect(codeOf(VOCABULARIES.topic, 'law and safety')).toBe('legal');
		expect(codeOf(VOCABULARIES.topic, 'legal')).toBe('legal');
		expect(codeOf(VOCABULARIES.language, '中文')).toBe('zh');
		expect(codeOf(VOCABULARIES.category, '退休教师')).toBe('retired_teacher');
		expect(codeOf(VOCABULARIES.topic, '法治')).toBeNull();
	});

	it('reads numbers typed as text and phones written with spaces or +86', () => {
		expect(parseWholeNumber(120)).toBe(120);
		expect(parseWholeNumber(' １２０ ')).toBe(120);
		expect(parseWholeNumber('1,200')).toBe(1200);
		expect(parseWholeNumber('12.5')).toBeNull();
		expect(parseWholeNumber('很远')).toBeNull();
		expect(normalizePhone('139 1234 5678')).toBe('13912345678');
		expect(normalizePhone('+86 139-1234-5678')).toBe('13912345678');
		expect(normalizePhone(13912345678)).toBe('13912345678');
	});

	it('recognises headers in either language, with required marks, and skips running numbers', () => {
		expect(columnForHeader(VOLUNTEER_COLUMNS, '姓名')).toMatchObject({ key: 'name' });
		expect(columnForHeader(VOLUNTEER_COLUMNS, '姓名*')).toMatchObject({ key: 'name' });
		expect(columnForHeader(VOLUNTEER_COLUMNS, '手机号（必填）')).toMatchObject({ key: 'phone' });
		expect(columnForHeader(VOLUNTEER_COLUMNS, 'Mobile phone')).toMatchObject({ key: 'phone' });
		expect(columnForHeader(VOLUNTEER_COLUMNS, '联系电话')).toMatchObject({ key: 'phone' });
		expect(columnForHeader(VOLUNTEER_COLUMNS, '最远路程(分钟)')).toMatchObject({ key: 'travel' });
		expect(columnForHeader(VOLUNTEER_COLUMNS, '序号')).toBe(SKIP);
		expect(columnForHeader(VOLUNTEER_COLUMNS, '身份证号')).toBeNull();
	});
});
