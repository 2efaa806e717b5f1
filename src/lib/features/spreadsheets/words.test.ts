// People's own words: topic synonyms, short names of districts and schools, lists, phones and
// the date forms rosters use — found, offered as the closest choices, or not found at all.
import { describe, expect, it } from 'vitest';
import { normalizePhone, parseDay, parseYear, splitList } from './cells';
import { headerSetOf, mapColumns } from './mapping';
import { VOCABULARIES } from './sheet-spec';
import { VOLUNTEER_COLUMNS } from './volunteer-sheet';
import { matchVocabulary, orgLookupOf } from './words';

describe('topic words', () => {
	const topic = (word: string) => matchVocabulary(VOCABULARIES.topic, word);

	it('map committees’ synonyms and longer forms onto the vocabulary', () => {
		expect(topic('心理健康教育')).toEqual({ found: 'mental_health' });
		expect(topic('法制教育')).toEqual({ found: 'legal' });
		expect(topic('党史')).toEqual({ found: 'history' });
		expect(topic('国史')).toEqual({ found: 'history' });
		expect(topic('科普讲座')).toEqual({ found: 'science' });
		expect(topic('劳动课')).toEqual({ found: 'labour' });
		expect(topic('法治')).toEqual({ found: 'legal' });
	});

	it('offer the closest topics for a word that fits several, and none that do not fit for an unknown word', () => {
		const broad = topic('传统教育');
		expect(broad.found).toBeNull();
		expect(broad.found === null && broad.closest[0]).toBe('culture');
		const unknown = topic('军事');
		expect(unknown).toEqual({ found: null, ambiguous: false, closest: [] });
	});

	it('read 均可 and 都可以 as both modes and split 线下/线上', () => {
		expect(matchVocabulary(VOCABULARIES.mode, '均可')).toEqual({ found: 'any' });
		expect(matchVocabulary(VOCABULARIES.mode, '都可以')).toEqual({ found: 'any' });
		expect(splitList('线下/线上')).toEqual(['线下', '线上']);
		expect(splitList('家庭教育、心理健康；阅读辅导,科普 劳动')).toEqual(['家庭教育', '心理健康', '阅读辅导', '科普', '劳动']);
	});
});

describe('organisation names', () => {
	const orgs = orgLookupOf([
		{ id: 'd1', name: '东湖区关工委', nameEn: 'Donghu District Committee' },
		{ id: 'd2', name: '西山区关工委' },
		{ id: 's1', name: '东湖实验小学' },
		{ id: 's2', name: '西山实验小学' },
		{ id: 's3', name: '东湖第二中学' }
	]);

	it('find a committee by its full, short, shortest or English name', () => {
		for (const name of ['东湖区关工委', '东湖区', '东湖', 'donghu district']) expect(orgs(name), name).toEqual({ found: 'd1' });
	});

	it('find a school by the part of its name that only it has', () => {
		expect(orgs('第二中学')).toEqual({ found: 's3' });
		expect(orgLookupOf([{ id: 's1', name: '东湖实验小学' }])('实验小学')).toEqual({ found: 's1' });
	});

	it('offer the schools a name fits when it fits several, and nothing for an unknown one', () => {
		expect(orgs('实验小学')).toEqual({ found: null, ambiguous: true, closest: expect.arrayContaining(['s1', 's2']) });
		expect(orgs('南江区')).toEqual({ found: null, ambiguous: false, closest: [] });
	});
});

describe('phones and dates as people write them', () => {
	it('reads phones with dashes, spaces or +86', () => {
		for (const p of ['138-1234-5673', '138 1234 5673', '+86 138 1234 5673', '+86-13812345673', '8613812345673'])
			expect(normalizePhone(p), p).toBe('13812345673');
	});

	it('reads years from birth dates in every usual form', () => {
		for (const [cell, year] of [
			['1956.07', 1956],
			['1950年5月', 1950],
			['1948', 1948],
			[1952, 1952],
			[1956.07, 1956],
			[1956.1, 1956],
			[new Date(Date.UTC(1955, 2, 4)), 1955],
			['1957-3-2', 1957],
			['1953年', 1953]
		] as const) {
			expect(parseYear(cell), String(cell)).toBe(year);
		}
		for (const bad of ['五十年代', '56.07', '1956.13', '']) expect(parseYear(bad), bad).toBeNull();
	});

	it('reads a month or a year as the start or the end of a window', () => {
		expect(parseDay('2027.03', 'start')).toBe('2027-03-01');
		expect(parseDay('2027年3月', 'end')).toBe('2027-03-31');
		expect(parseDay('2028.02', 'end')).toBe('2028-02-29');
		expect(parseDay('2027', 'end')).toBe('2027-12-31');
		expect(parseDay('2027.03')).toBeNull();
	});
});

describe('mapping a roster’s headers', () => {
	const header = ['序号', '姓名', '性别', '出生年月', '类别', '擅长领域', '联系电话', '所在区县', '服务方式', '备注'];
	const rows = [
		{ cells: [1, '李秀兰', '女', '1956.07', '老教师', '家庭教育、心理健康', '138-1234-5673', '东湖', '均可', '退休前在实验小学'] }
	];

	it('matches every column by exact name or committee word, leaves 性别 out and skips 序号', () => {
		const mapping = mapColumns(VOLUNTEER_COLUMNS, header, rows);
		expect(mapping.map((m) => [m.header, m.field, m.by])).toEqual([
			['序号', null, 'skip'],
			['姓名', 'name', 'exact'],
			['性别', null, 'none'],
			['出生年月', 'birthYear', 'exact'],
			['类别', 'category', 'exact'],
			['擅长领域', 'topics', 'word'],
			['联系电话', 'phone', 'exact'],
			['所在区县', 'district', 'exact'],
			['服务方式', 'mode', 'word'],
			['备注', 'bio', 'word']
		]);
		expect(mapping[2].examples).toEqual(['女']);
	});

	it('follows what was remembered for these headers, and the person’s choices over everything', () => {
		const remembered = mapColumns(VOLUNTEER_COLUMNS, header, rows, { remembered: { 备注: 'offer', 性别: null } });
		expect(remembered.find((m) => m.header === '备注')).toMatchObject({ field: 'offer', by: 'remembered' });
		const chosen = mapColumns(VOLUNTEER_COLUMNS, header, rows, {
			chosen: [
				{ index: 9, field: null },
				{ index: 1, field: 'name' }
			]
		});
		expect(chosen.filter((m) => m.field).map((m) => m.field)).toEqual(['name']);
		expect(headerSetOf(header)).toBe(headerSetOf([...header].reverse()));
	});

	it('marks only the column the person changed as their choice; the others keep why they were matched', () => {
		const suggested = mapColumns(VOLUNTEER_COLUMNS, header, rows);
		const chosen = suggested.map((m) => ({ index: m.index, field: m.header === '备注' ? 'offer' : m.field }));
		const mapping = mapColumns(VOLUNTEER_COLUMNS, header, rows, { chosen });
		expect(mapping.map((m) => [m.header, m.field, m.by])).toEqual([
			['序号', null, 'skip'],
			['姓名', 'name', 'exact'],
			['性别', null, 'none'],
			['出生年月', 'birthYear', 'exact'],
			['类别', 'category', 'exact'],
			['擅长领域', 'topics', 'word'],
			['联系电话', 'phone', 'exact'],
			['所在区县', 'district', 'exact'],
			['服务方式', 'mode', 'word'],
			['备注', 'offer', 'chosen']
		]);
		const remembered = { 备注: 'offer' };
		const kept = mapColumns(VOLUNTEER_COLUMNS, header, rows, {
			remembered,
			chosen: mapColumns(VOLUNTEER_COLUMNS, header, rows, { remembered }).map((m) => ({
				index: m.index,
				field: m.header === '性别' ? 'languages' : m.field
			}))
		});
		expect(kept.filter((m) => m.by === 'chosen' || m.by === 'remembered').map((m) => [m.header, m.by])).toEqual([
			['性别', 'chosen'],
			['备注', 'remembered']
		]);
	});
});
