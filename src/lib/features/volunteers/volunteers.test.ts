import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callerAs } from '$tests/helpers/api';
import { overlappingLeave, partsOf, slotsOf } from './domain';

describe('week grid and leave rules', () => {
	it('round-trips ticked day parts through stored slots', () => {
		const ticked = ['2:morning', '4:afternoon', '6:evening'];
		expect([...partsOf(slotsOf(ticked))].sort()).toEqual(ticked.sort());
		// An imported slot covering the whole day counts for every part within it.
		expect([...partsOf([{ weekday: 1, fromMinute: 8 * 60, toMinute: 18 * 60 }])].sort()).toEqual(['1:afternoon', '1:morning']);
	});
	it('knows overlapping leave requests', () => {
		const leaves = [{ fromDate: new Date('2027-03-10'), toDate: new Date('2027-03-20'), status: 'approved' }];
		expect(overlappingLeave(leaves, new Date('2027-03-20'), new Date('2027-03-25'))).toBeDefined();
		expect(overlappingLeave([{ ...leaves[0], status: 'rejected' }], new Date('2027-03-12'), new Date('2027-03-13'))).toBeUndefined();
	});
});

describe.each(providers)('volunteer self-service and leave approval on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const as = (username: string) => callerAs(t.db, username);
	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	it('lets a veteran keep their own week and nobody else’s', async () => {
		const me = await as('volA');
		await me.volunteers.setAvailability({ ticked: ['2:morning', '4:afternoon'] });
		expect((await me.volunteers.me())!.ticked.sort()).toEqual(['2:morning', '4:afternoon']);
		await (await as('coordA')).volunteers.setAvailability({ volunteerId: tree.volunteerA, ticked: ['1:morning'] });
		expect((await me.volunteers.me())!.ticked).toEqual(['1:morning']);
		for (const user of ['coordB', 'leader', 'schoolA1', 'nobody']) {
			await expect((await as(user)).volunteers.setAvailability({ volunteerId: tree.volunteerA, ticked: [] })).rejects.toMatchObject({
				code: 'NOT_FOUND'
			});
		}
		expect(await (await as('nobody')).volunteers.me()).toBeNull();
		expect(await t.db.auditLog.count({ where: { entity: 'volunteer', entityId: tree.volunteerA } })).toBe(2);
	});

	it('runs the leave workflow: request, overlap refused, approve in scope only, not one’s own', async () => {
		const me = await as('volA');
		const { id } = await me.volunteers.requestLeave({ fromDate: '2027-03-10', toDate: '2027-03-20', reason: '回老家探亲' });
		await expect(me.volunteers.requestLeave({ fromDate: '2027-03-18', toDate: '2027-03-25', reason: '住院复查' })).rejects.toMatchObject({
			message: 'fromDate: 与 2027-03-10 至 2027-03-20 的请假重叠'
		});
		await expect(me.volunteers.requestLeave({ fromDate: '2027-04-10', toDate: '2027-04-01', reason: '外出' })).rejects.toMatchObject({
			message: expect.stringContaining('toDate')
		});
		await expect(me.volunteers.decideLeave({ id, approve: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await expect((await as('coordB')).volunteers.decideLeave({ id, approve: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await (await as('coordB')).volunteers.leaves({})).toEqual([]);
		const coordA = await as('coordA');
		expect((await coordA.volunteers.leaves({})).map((l) => l.id)).toEqual([id]);
		await coordA.volunteers.decideLeave({ id, approve: true });
		await expect(coordA.volunteers.decideLeave({ id, approve: false })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		expect((await me.volunteers.me())!.leaves[0]).toMatchObject({ status: 'approved' });
		await me.volunteers.cancelLeave({ id });
		expect((await me.volunteers.me())!.leaves[0]).toMatchObject({ status: 'cancelled' });
	});
});

describe.each(providers)('the resource list on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const as = (username: string) => callerAs(t.db, username);
	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		let phoneSeq = 1;
		const add = (name: string, initials: string, districtId: string, topic: string, weekday: number) =>
			t.db.volunteerProfile.create({
				data: {
					orgId: districtId,
					name,
					nameInitials: initials,
					phone: `139${String(phoneSeq++).padStart(8, '0')}`,
					category: 'retired_cadre',
					homeDistrictId: districtId,
					topics: { create: [{ topic }] },
					availability: { create: [{ weekday, fromMinute: 510, toMinute: 690 }] }
				}
			});
		const zhang = await add('张伟', 'zw', tree.districtA, 'history', 3);
		await add('周文', 'zw', tree.districtB, 'history', 3);
		await add('王芳', 'wf', tree.districtA, 'arts', 1);
		await t.db.leave.create({
			data: { volunteerId: zhang.id, fromDate: new Date('2027-03-01'), toDate: new Date('2027-03-31'), status: 'approved' }
		});
	});
	afterAll(() => t.cleanup());

	it('finds people by name or pinyin initials within the caller subtree', async () => {
		const coordA = await as('coordA');
		expect((await coordA.volunteers.list({ search: 'zw' })).rows.map((r) => r.name)).toEqual(['张伟']);
		expect((await coordA.volunteers.list({ search: '王' })).rows.map((r) => r.name)).toEqual(['王芳']);
		expect((await (await as('cityCoord')).volunteers.list({ search: 'zw' })).rows.map((r) => r.name).sort()).toEqual(
			['周文', '张伟'].sort()
		);
		expect((await (await as('schoolA1')).volunteers.list({})).total).toBe(0);
	});

	it('filters by topic, free on a date (weekly slot, not on leave) and shows phones to editors only', async () => {
		const city = await as('cityCoord');
		expect((await city.volunteers.list({ topic: 'arts' })).rows.map((r) => r.name)).toEqual(['王芳']);
		// 2027-03-10 and 2027-04-07 are Wednesdays; 张伟 is on leave through March.
		expect((await city.volunteers.list({ availableOn: '2027-03-10' })).rows.map((r) => r.name)).toEqual(['周文']);
		expect((await city.volunteers.list({ availableOn: '2027-04-07' })).rows.map((r) => r.name).sort()).toEqual(['周文', '张伟'].sort());
		expect((await city.volunteers.list({ search: '王芳' })).rows[0].phone).toMatch(/^139/);
		expect((await (await as('leader')).volunteers.list({ search: '王芳' })).rows[0].phone).toBeNull();
	});

	it('refuses days that do not exist with a field error wherever a date is typed, and stores nothing', async () => {
		const city = await as('cityCoord');
		const me = await as('volA');
		for (const bad of ['2027-02-30', '2027-13-45']) {
			await expect(city.volunteers.list({ availableOn: bad })).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: expect.stringContaining('availableOn')
			});
			await expect(city.spreadsheets.volunteers.export({ availableOn: bad })).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: expect.stringContaining('availableOn')
			});
			await expect(me.volunteers.requestLeave({ fromDate: bad, toDate: '2027-12-31', reason: '外出' })).rejects.toMatchObject({
				code: 'BAD_REQUEST',
				message: expect.stringContaining('fromDate')
			});
		}
		expect(await t.db.leave.count({ where: { volunteerId: tree.volunteerA } })).toBe(0);
	});
});

describe.each(providers)('profiles on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const as = (username: string) => callerAs(t.db, username);
	const fields = (over: Record<string, unknown> = {}) => ({
		name: '赵建国',
		phone: '13912345678',
		category: 'retired_soldier' as const,
		topics: ['history' as const],
		offersOnline: false,
		offersOffline: true,
		homeDistrictId: tree.districtA,
		maxTravelMinutes: 45,
		monthlyCapacity: 2,
		languages: ['zh' as const],
		offer: '讲红色故事',
		bio: '',
		...over
	});
	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	it('lets coordinators create profiles in their subtree, with pinyin initials and field-named errors', async () => {
		const coordA = await as('coordA');
		const { id } = await coordA.volunteers.create({ orgId: tree.districtA, fields: fields() });
		expect(await t.db.volunteerProfile.findUniqueOrThrow({ where: { id } })).toMatchObject({ nameInitials: 'zjg' });
		await expect(coordA.volunteers.create({ orgId: tree.districtA, fields: fields({ name: '钱七' }) })).rejects.toMatchObject({
			code: 'CONFLICT',
			message: expect.stringContaining('fields.phone')
		});
		await expect(
			coordA.volunteers.create({ orgId: tree.districtA, fields: fields({ phone: '123', topics: [], offersOffline: false }) })
		).rejects.toMatchObject({
			message: expect.stringMatching(/phone.*topics.*offersOffline/s)
		});
		await expect((await as('coordB')).volunteers.create({ orgId: tree.districtA, fields: fields({ phone: null }) })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		await expect((await as('leader')).volunteers.create({ orgId: tree.city, fields: fields({ phone: null }) })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
	});

	it('lets a veteran edit only their own profile; leaders read it without the phone', async () => {
		const me = await as('volA');
		const mine = await me.volunteers.profile({});
		await me.volunteers.saveProfile({ fields: { ...mine.fields, topics: ['legal', 'reading'], phone: '13811112222' } });
		expect((await me.volunteers.profile({})).fields.topics.sort()).toEqual(['legal', 'reading']);
		const other = await t.db.volunteerProfile.findFirstOrThrow({ where: { name: '赵建国' } });
		await expect(me.volunteers.saveProfile({ volunteerId: other.id, fields: fields({ phone: null }) })).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
		const leaderView = await (await as('leader')).volunteers.profile({ volunteerId: tree.volunteerA });
		expect(leaderView).toMatchObject({ editable: false, fields: { phone: null } });
		await expect((await as('schoolA1')).volunteers.profile({ volunteerId: tree.volunteerA })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await t.db.auditLog.count({ where: { entity: 'volunteer', entityId: tree.volunteerA, action: 'update' } })).toBe(1);
	});

	it('tells whether a phone is registered only to coordinators; a veteran gets the answer a free number gets', async () => {
		const coordA = await as('coordA');
		const holder = await coordA.volunteers.create({ orgId: tree.districtA, fields: fields({ name: '孙有号', phone: '13800000999' }) });
		const me = await as('volA');
		const mine = await me.volunteers.profile({});
		const before = mine.fields.phone;
		const told = () => t.db.notification.count({ where: { userId: tree.users.coordA, kind: 'volunteer.phone_clash' } });

		const free = await me.volunteers.saveProfile({ fields: { ...mine.fields, phone: before } });
		const taken = await me.volunteers.saveProfile({ fields: { ...mine.fields, offer: '讲家风', phone: '13800000999' } });
		expect(Object.keys(taken)).toEqual(Object.keys(free));
		const stored = await t.db.volunteerProfile.findUniqueOrThrow({ where: { id: tree.volunteerA } });
		expect([stored.offer, stored.phone]).toEqual(['讲家风', before]);
		expect(await told()).toBe(1);

		for (const name of ['coordA', 'admin']) {
			await expect(
				(await as(name)).volunteers.saveProfile({ volunteerId: tree.volunteerA, fields: { ...mine.fields, phone: '13800000999' } })
			).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('这个手机号已经登记过了') });
		}
		// A coordinator out of the holder's reach learns nothing either: the profile is made without the phone.
		const outside = await (
			await as('coordB')
		).volunteers.create({
			orgId: tree.districtB,
			fields: fields({ name: '周无号', phone: '13800000999', homeDistrictId: tree.districtB })
		});
		expect((await t.db.volunteerProfile.findUniqueOrThrow({ where: { id: outside.id } })).phone).toBeNull();
		expect(await told()).toBe(2);
		await t.db.volunteerProfile.deleteMany({ where: { id: { in: [holder.id, outside.id] } } });
	});
});
