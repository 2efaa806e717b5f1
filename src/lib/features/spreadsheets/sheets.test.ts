// Rows read into the forms' fields and matched with what is stored, without a database.
import { describe, expect, it } from 'vitest';
import type { ProfileFields } from '../volunteers/schemas';
import { demandFromRow, planDemands, type DemandRow, type StoredDemand } from './demand-sheet';
import { orgDirectoryOf } from './words';
import { planVolunteers, volunteerFromRow, type StoredVolunteer } from './volunteer-sheet';

const ctx = { locale: 'zh' as const, headers: {} };
const district = orgDirectoryOf([
	{ id: 'd1', name: '东湖区关工委', nameEn: 'Donghu District Committee' },
	{ id: 'd2', name: '西山区关工委' }
]);

const fields = (over: Partial<ProfileFields> = {}): ProfileFields => ({
	name: '王建国',
	phone: '13900000101',
	category: 'retired_teacher',
	topics: ['legal'],
	offersOnline: false,
	offersOffline: true,
	homeDistrictId: 'd1',
	maxTravelMinutes: 60,
	monthlyCapacity: 2,
	languages: ['zh'],
	offer: '',
	bio: '',
	...over
});

describe('a volunteer row', () => {
	it('becomes the profile form’s fields, with the form’s defaults for blank cells', () => {
		const { fields: f, problems } = volunteerFromRow(
			{ number: 2, cells: { name: ' 王建国 ', category: '老教师', topics: 'Law and safety', district: 'Donghu District' } },
			{ ...ctx, orgs: { district } }
		);
		expect(problems).toEqual([]);
		expect(f).toEqual(fields({ phone: null }));
	});
});

describe('matching volunteers with those registered', () => {
	const stored = (id: string, over: Partial<ProfileFields>, editable = true): StoredVolunteer => ({
		id,
		birthYear: null,
		editable,
		fields: fields(over)
	});
	const plan = (rows: Partial<ProfileFields>[], existing: StoredVolunteer[]) =>
		planVolunteers(
			rows.map((r, i) => ({ row: i + 2, fields: fields(r), birthYear: null })),
			existing,
			ctx
		);

	it('matches by phone, then by name and district, and never erases a stored phone', () => {
		const result = plan(
			[{}, { name: '李秀兰', phone: null, monthlyCapacity: 4 }, { name: '赵新', phone: '13900000103' }],
			[stored('v1', {}), stored('v2', { name: '李秀兰', phone: '13900000102' })]
		);
		expect(result.problems).toEqual([]);
		expect(result.planned.map((p) => [p.row, p.action, 'id' in p ? p.id : null])).toEqual([
			[2, 'unchanged', 'v1'],
			[3, 'update', 'v2'],
			[4, 'create', null]
		]);
		expect(result.planned[1].fields.phone).toBe('13900000102');
	});

	it('gives a phone to the one namesake without one, and tells namesakes apart only by phone', () => {
		expect(plan([{ name: '张伟', phone: '13900000109' }], [stored('z1', { name: '张伟', phone: null })]).planned).toMatchObject([
			{ action: 'update', id: 'z1' }
		]);
		// A namesake with another phone is another person.
		expect(plan([{ name: '张伟', phone: '13900000109' }], [stored('z1', { name: '张伟', phone: '13900000188' })]).planned).toMatchObject([
			{ action: 'create' }
		]);
		const twins = plan(
			[{ name: '张伟', phone: null }],
			[stored('z1', { name: '张伟', phone: null }), stored('z2', { name: '张伟', phone: '13900000188' })]
		);
		expect(twins.problems).toEqual([{ row: 2, column: '姓名', reason: '系统里这个区县有 2 位同名的志愿者，请填上手机号以便区分' }]);
	});

	it('refuses two rows for one person and phones of people outside the caller’s reach', () => {
		const result = plan(
			[{}, { name: '王建国', phone: null }, { name: '周某', phone: '13900000999' }],
			[stored('v1', {}), stored('x', { name: '西山老周', phone: '13900000999', homeDistrictId: 'd2' }, false)]
		);
		expect(result.problems).toEqual([
			{ row: 3, column: '姓名', reason: '和第 2 行是同一位志愿者' },
			{ row: 4, column: '手机号', reason: '这个手机号已经登记过了' }
		]);
	});
});

describe('needs rows', () => {
	const schools = new Map([['s1', { id: 's1', rural: true }]]);
	const school = orgDirectoryOf([{ id: 's1', name: '柳塘镇中心小学' }]);
	const cells = {
		school: '柳塘镇中心小学',
		kind: '宣讲',
		title: '法治教育进校园',
		topic: '法治与安全',
		audience: '小学高年级',
		audienceSize: 120,
		windowFrom: '2027/3/1',
		windowTo: '2027年3月31日'
	};

	it('become the need form’s fields, rural by the school when the cell is blank', () => {
		const { demand, problems } = demandFromRow({ number: 2, cells }, { ...ctx, orgs: { school }, schools, defaultSchool: null });
		expect(problems).toEqual([]);
		expect(demand).toEqual({
			row: 2,
			orgId: 's1',
			fields: {
				kind: 'lecture',
				title: '法治教育进校园',
				topic: 'legal',
				audience: ['primary_upper'],
				audienceSize: 120,
				mode: 'offline',
				windowFrom: '2027-03-01',
				windowTo: '2027-03-31',
				sessionCount: 1,
				sessionMinutes: 60,
				seats: 1,
				rural: true,
				leftBehind: false,
				hardship: false,
				language: null,
				notes: ''
			}
		});
	});

	it('match the oldest stored need of the same school, kind, title and earliest date', () => {
		const row = demandFromRow({ number: 2, cells }, { ...ctx, orgs: { school }, schools, defaultSchool: null }).demand as DemandRow;
		const stored = (id: string, status: string, over = {}): StoredDemand => ({
			id,
			orgId: 's1',
			status,
			fields: { ...row.fields, ...over }
		});
		expect(planDemands([row], [stored('old', 'open', { seats: 2 }), stored('copy', 'draft')], ctx).planned).toMatchObject([
			{ action: 'update', id: 'old' }
		]);
		expect(planDemands([row], [stored('n', 'done')], ctx).planned).toMatchObject([{ action: 'unchanged', id: 'n' }]);
		expect(planDemands([row], [stored('other', 'open', { windowFrom: '2027-03-02' })], ctx).planned).toMatchObject([{ action: 'create' }]);
	});
});
