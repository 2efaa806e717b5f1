// Authorization sweep of the calendar, notification and live procedures: signed out is
// refused everywhere; signed in, each sees only their part of the tree or their own rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createSession } from '$tests/helpers/sessions';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import { createCallerFactory } from '$lib/server/trpc/init';
import { appRouter } from '$lib/server/trpc/router';

let t: TestDb;
let tree: Tree;
let inA: string;
let inB: string;
const range = { from: new Date('2027-03-01T00:00:00+08:00'), to: new Date('2027-04-01T00:00:00+08:00') };

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	inA = (await createSession(t.db, tree, { startsAt: '2027-03-10T09:00', schoolId: tree.schoolA1 })).id;
	const volunteerB = await t.db.volunteerProfile.create({
		data: { orgId: tree.districtB, name: '西山老专家', category: 'retired_expert', homeDistrictId: tree.districtB }
	});
	inB = (await createSession(t.db, tree, { startsAt: '2027-03-11T09:00', schoolId: tree.schoolB1, volunteerIds: [volunteerB.id] })).id;
});
afterAll(() => t.cleanup());

describe('calendar and notification procedures', () => {
	it('refuse a signed-out caller, every one of them', async () => {
		const anon = createCallerFactory(appRouter)({ db: t.db, locale: 'zh', user: null, sessionId: null, ip: '127.0.0.1' });
		const calls: [string, () => Promise<unknown>][] = [
			['calendar.range', () => anon.calendar.range(range)],
			['calendar.month', () => anon.calendar.month(range)],
			['calendar.session', () => anon.calendar.session({ id: inA })],
			['calendar.filterOptions', () => anon.calendar.filterOptions()],
			['calendar.feedStatus', () => anon.calendar.feedStatus()],
			['calendar.regenerateFeed', () => anon.calendar.regenerateFeed()],
			['calendar.revokeFeed', () => anon.calendar.revokeFeed()],
			['notifications.list', () => anon.notifications.list({})],
			['notifications.unreadCount', () => anon.notifications.unreadCount()],
			['notifications.markRead', () => anon.notifications.markRead({ ids: ['x'] })],
			['notifications.markAllRead', () => anon.notifications.markAllRead()],
			['notifications.channels', () => anon.notifications.channels()],
			['notifications.setChannel', () => anon.notifications.setChannel({ channel: 'email', enabled: true, address: 'a@b.cn' })],
			['live.events', async () => (await anon.live.events()) as unknown]
		];
		for (const [name, call] of calls) await expect(call(), name).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
	});

	it('show each role its own part of the calendar', async () => {
		const seen = async (username: string) => (await (await callerAs(t.db, username)).calendar.range(range)).map((s) => s.id).sort();
		expect(await seen('leader')).toEqual([inA, inB].sort());
		expect(await seen('cityCoord')).toEqual([inA, inB].sort());
		expect(await seen('coordA')).toEqual([inA]);
		expect(await seen('coordB')).toEqual([inB]);
		expect(await seen('schoolA1')).toEqual([inA]);
		expect(await seen('schoolB1')).toEqual([inB]);
		expect(await seen('volA')).toEqual([inA]);
		expect(await seen('nobody')).toEqual([]);
		// Filters never widen what one may see.
		expect((await (await callerAs(t.db, 'coordA')).calendar.range({ ...range, filters: { school: tree.schoolB1 } })).length).toBe(0);
		const month = async (username: string) => (await (await callerAs(t.db, username)).calendar.month(range)).sessions.map((s) => s.id);
		expect(await month('coordA')).toEqual([inA]);
		expect(await month('schoolB1')).toEqual([inB]);
		expect(await month('nobody')).toEqual([]);
	});

	it('give the month view the first sessions of each Shanghai day and count the rest, within the range', async () => {
		// A day of its own (outside the sweep's sessions): five sessions, the first at 07:30 Shanghai (the day before in UTC).
		const times = ['2027-06-07T07:30', '2027-06-07T16:00', '2027-06-07T09:00', '2027-06-07T13:00', '2027-06-07T11:00'];
		const ids = [];
		for (const at of times) ids.push((await createSession(t.db, tree, { startsAt: at, schoolId: tree.schoolA2 })).id);
		await createSession(t.db, tree, { startsAt: '2027-06-08T09:00', schoolId: tree.schoolA2, kind: 'mentoring' });
		await createSession(t.db, tree, { startsAt: '2027-07-01T09:00', schoolId: tree.schoolA2 });
		const june = { from: new Date('2027-06-01T00:00:00+08:00'), to: new Date('2027-07-01T00:00:00+08:00') };
		const coordA = await callerAs(t.db, 'coordA');
		const summary = await coordA.calendar.month(june);
		expect(summary.sessions.filter((s) => s.startsAt < '2027-06-07T16:00:00Z').map((s) => s.id)).toEqual([ids[0], ids[2], ids[4]]);
		expect(summary.sessions).toHaveLength(4);
		expect(summary.more).toEqual({ '2027-06-07': 2 });
		// The URL's filters narrow the summary as they narrow the range.
		const mentoring = await coordA.calendar.month({ ...june, filters: { kind: 'mentoring' } });
		expect([mentoring.sessions.length, mentoring.more]).toEqual([1, {}]);
		expect((await callerAs(t.db, 'coordB').then((c) => c.calendar.month(june))).sessions).toEqual([]);
		await expect(coordA.calendar.month({ from: june.from, to: new Date('2027-09-01T00:00:00+08:00') })).rejects.toMatchObject({
			code: 'BAD_REQUEST'
		});
	});

	it('answer a session out of reach exactly like a missing one', async () => {
		const coordA = await callerAs(t.db, 'coordA');
		expect((await coordA.calendar.session({ id: inA })).schoolName).toBe('东湖实验小学');
		// Their next step is the round's timetable; the notifications' links land on this page.
		expect((await coordA.calendar.session({ id: inA })).steps.map((step) => step.kind)).toContain('timetable');
		const outside = await coordA.calendar.session({ id: inB }).catch((e) => e);
		const missing = await coordA.calendar.session({ id: 'missing' }).catch((e) => e);
		expect([outside.code, outside.message]).toEqual([missing.code, missing.message]);
	});

	it('let nobody read or mark another person’s notifications', async () => {
		const own = await t.db.notification.create({
			data: {
				userId: tree.users.volA,
				kind: 'leave.approved',
				payload: JSON.stringify({ href: '/me/leave', from: '2027-03-01', to: '2027-03-02' })
			}
		});
		const other = await callerAs(t.db, 'coordA');
		expect((await other.notifications.list({})).items).toEqual([]);
		expect(await other.notifications.markRead({ ids: [own.id] })).toEqual({ marked: 0 });
		const me = await callerAs(t.db, 'volA');
		const list = await me.notifications.list({});
		expect(list.unread).toBe(1);
		expect(list.items[0]).toMatchObject({ href: '/me/leave', read: false, text: '您 2027-03-01 至 2027-03-02 的请假已批准' });
		expect(await me.notifications.markRead({ ids: [own.id] })).toEqual({ marked: 1 });
		expect(await me.notifications.unreadCount()).toBe(0);
	});

	it('tell the volunteer when a coordinator approves or rejects their leave', async () => {
		const vol = await callerAs(t.db, 'volA');
		const { id } = await vol.volunteers.requestLeave({ fromDate: '2027-05-03', toDate: '2027-05-04', reason: '外出探亲' });
		await (await callerAs(t.db, 'coordA')).volunteers.decideLeave({ id, approve: false });
		const items = (await vol.notifications.list({})).items;
		expect(items[0]).toMatchObject({ kind: 'leave.rejected', href: '/me/leave', text: '您 2027-05-03 至 2027-05-04 的请假未获批准' });
	});

	it('refuse a bad email address naming the field', async () => {
		await expect(
			(await callerAs(t.db, 'volA')).notifications.setChannel({ channel: 'email', enabled: true, address: 'not-an-address' })
		).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('address') });
	});
});
