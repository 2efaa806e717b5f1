// A coordinator's drag on the calendar, through the real router: the scheduling engine's
// checker refuses a time that breaks a hard rule and says which, in the mover's language; a
// valid time is taken, the sequence grows and everyone concerned hears of it.
import { TRPCError } from '@trpc/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createSession, shanghai } from '$tests/helpers/sessions';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';

let t: TestDb;
let tree: Tree;
let session: { id: string; sequence: number };
const weekdays = [1, 2, 3, 4, 5];

beforeEach(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	// 李老师 is free on weekdays 08:00–17:00; the school receives visitors on weekdays 08:00–16:00.
	await t.db.availabilitySlot.createMany({
		data: weekdays.map((weekday) => ({ volunteerId: tree.volunteerA, weekday, fromMinute: 480, toMinute: 1020 }))
	});
	await t.db.visitingHours.createMany({
		data: weekdays.map((weekday) => ({ orgId: tree.schoolA1, weekday, fromMinute: 480, toMinute: 960 }))
	});
	await t.db.leave.create({
		data: { volunteerId: tree.volunteerA, fromDate: new Date('2027-03-15'), toDate: new Date('2027-03-19'), status: 'approved' }
	});
	await t.db.schoolCalendarEntry.create({
		data: { orgId: tree.schoolA1, kind: 'exam', label: '期中考试', fromDate: new Date('2027-03-22'), toDate: new Date('2027-03-26') }
	});
	session = await createSession(t.db, tree, { startsAt: '2027-03-10T09:00', status: 'accepted' });
});
afterEach(() => t.cleanup());

async function move(username: string, wallClock: string, locale: 'zh' | 'en' = 'zh', sequence = session.sequence) {
	const api = await callerAs(t.db, username, locale);
	return api.calendar.move({ sessionId: session.id, startsAt: shanghai(wallClock), sequence });
}

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(TRPCError);
	return error as TRPCError;
}

describe('moving a session on the calendar', () => {
	it('refuses a day the volunteer is on leave, saying so, and changes nothing', async () => {
		const error = await refusal(move('coordA', '2027-03-16T09:00'));
		expect(error.code).toBe('BAD_REQUEST');
		expect(error.message).toBe('startsAt: 李老师 那天请假');
		const en = await refusal(move('coordA', '2027-03-16T09:00', 'en'));
		expect(en.message).toBe('startsAt: 李老师 is on leave that day');
		const row = await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id } });
		expect(row.startsAt).toEqual(shanghai('2027-03-10T09:00'));
		expect(row.sequence).toBe(session.sequence);
		expect(await t.db.notification.count({ where: { kind: 'session.moved' } })).toBe(0);
	});

	it('refuses the school’s exam week and times outside its visiting hours', async () => {
		expect((await refusal(move('coordA', '2027-03-23T09:00'))).message).toBe('startsAt: 东湖实验小学 那天不接待（放假、考试或停课）');
		// 16:00–17:30: the volunteer is free until 17:00 and the school receives until 16:00.
		expect((await refusal(move('coordA', '2027-03-11T16:00'))).message).toBe(
			'startsAt: 李老师 那个时间没有空；不在 东湖实验小学 的接待时间内'
		);
		// Saturday: neither is available.
		expect((await refusal(move('coordA', '2027-03-13T09:00', 'en'))).message).toBe(
			'startsAt: 李老师 is not free at that time; outside the visiting hours of 东湖实验小学'
		);
	});

	it('refuses a time clashing with the volunteer’s other session', async () => {
		await createSession(t.db, tree, { startsAt: '2027-03-11T10:00', title: '家庭教育讲座', schoolId: tree.schoolA2 });
		expect((await refusal(move('coordA', '2027-03-11T09:30'))).message).toBe('startsAt: 李老师 那个时间另有活动');
	});

	it('takes a valid move: new time, same length, higher sequence, asked again, audited, everyone told', async () => {
		await move('coordA', '2027-03-11T14:00');
		const row = await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id } });
		expect(row.startsAt).toEqual(shanghai('2027-03-11T14:00'));
		expect(row.endsAt).toEqual(shanghai('2027-03-11T15:30'));
		expect(row.sequence).toBe(session.sequence + 1);
		// A new time needs the volunteer's yes again.
		expect(row.status).toBe('planned');

		const told = await t.db.notification.findMany({ where: { kind: 'session.moved' }, select: { userId: true, payload: true } });
		const users = told.map((n) => n.userId).sort();
		expect(users).toEqual([tree.users.volA, tree.users.schoolA1, tree.users.admin, tree.users.cityCoord].sort());
		expect(users).not.toContain(tree.users.coordA);
		expect(JSON.parse(told[0].payload)).toMatchObject({
			href: `/sessions/${session.id}`,
			from: shanghai('2027-03-10T09:00').toISOString(),
			to: shanghai('2027-03-11T14:00').toISOString()
		});
		const audit = await t.db.auditLog.findFirst({ where: { entityId: session.id, action: 'update' } });
		expect(audit?.actorId).toBe(tree.users.coordA);

		// The calendar was drawn before the move: a second drag from that stale picture is refused.
		const stale = await refusal(move('coordA', '2027-03-12T09:00'));
		expect(stale.code).toBe('CONFLICT');
		expect(stale.message).toBe('sequence: 这次活动刚被别人改过，请刷新后再试');
		await move('coordA', '2027-03-12T09:00', 'zh', session.sequence + 1);
		expect((await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id } })).sequence).toBe(session.sequence + 2);
	});

	it('asks the volunteer again: an accepted invitation goes back to invited and can be accepted anew (issue 10)', async () => {
		const row = await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id }, select: { demandId: true } });
		const invitation = await t.db.assignment.create({
			data: { roundId: tree.roundId, demandId: row.demandId, volunteerId: tree.volunteerA, state: 'accepted', respondedAt: new Date() }
		});
		await t.db.sessionVolunteer.update({
			where: { sessionId_volunteerId: { sessionId: session.id, volunteerId: tree.volunteerA } },
			data: { assignmentId: invitation.id }
		});
		await move('coordA', '2027-03-11T14:00');
		const asked = await t.db.assignment.findUniqueOrThrow({ where: { id: invitation.id } });
		expect(asked.state).toBe('invited');
		expect(asked.respondedAt).toBeNull();
		expect(await t.db.notification.count({ where: { kind: 'session.moved', userId: tree.users.volA } })).toBe(1);

		const moved = await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id } });
		const volunteer = await callerAs(t.db, 'volA');
		await volunteer.scheduling.accept({ assignmentId: invitation.id, seen: { [session.id]: moved.sequence } });
		expect((await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id } })).status).toBe('accepted');
	});

	it('lets only coordinators of the session’s tree move it; others are told it does not exist', async () => {
		for (const username of ['coordB', 'leader', 'schoolA1', 'volA']) {
			const error = await refusal(move(username, '2027-03-11T14:00'));
			expect(error.code, username).toBe('NOT_FOUND');
		}
		expect((await t.db.scheduledSession.findUniqueOrThrow({ where: { id: session.id } })).sequence).toBe(session.sequence);
	});
});
