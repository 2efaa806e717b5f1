// From a published match to a confirmed session through the API, on every database: the
// coordinator schedules and sends, the volunteer answers, the school confirms; answers made
// on an outdated view are refused, and of two people acting on one session at once one wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callers, failure } from '$tests/helpers/callers';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe.each(providers)('scheduling flow on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as } = callers(() => t);
	let lecture: string;
	let pair: string;

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		const db = t.db;
		await db.organization.update({ where: { id: tree.schoolA1 }, data: { address: '东湖路 8 号' } });
		await db.visitingHours.createMany({
			data: [2, 4].map((weekday) => ({ orgId: tree.schoolA1, weekday, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 }))
		});
		await db.schoolCalendarEntry.create({
			data: { orgId: tree.schoolA1, kind: 'exam', label: '期中考试', fromDate: d('2027-03-01'), toDate: d('2027-03-07') }
		});
		await db.availabilitySlot.createMany({
			data: [2, 4].map((weekday) => ({ volunteerId: tree.volunteerA, weekday, fromMinute: 8 * 60, toMinute: 12 * 60 }))
		});
		await db.volunteerProfile.update({ where: { id: tree.volunteerA }, data: { monthlyCapacity: 3 } });
		const base = {
			orgId: tree.schoolA1,
			roundId: tree.roundId,
			topic: 'legal',
			status: 'matched' as const,
			windowFrom: d('2027-03-01'),
			windowTo: d('2027-05-31')
		};
		lecture = (await db.demand.create({ data: { ...base, kind: 'lecture', title: '法治讲座', mode: 'offline', sessionMinutes: 90 } })).id;
		pair = (
			await db.demand.create({
				data: { ...base, kind: 'mentoring', title: '结对帮扶', mode: 'online', sessionCount: 3, sessionMinutes: 60 }
			})
		).id;
		for (const demandId of [lecture, pair])
			await db.assignment.create({ data: { roundId: tree.roundId, demandId, volunteerId: tree.volunteerA, state: 'invited' } });
		await db.matchingRound.update({ where: { id: tree.roundId }, data: { status: 'scheduling' } });
	});
	afterAll(() => t.cleanup());

	it('schedules a lecture as one session and a mentoring pair as a series at least six days apart, then sends one invitation per need', async () => {
		const coord = await as('coordA');
		expect(await coord.scheduling.run({ roundId: tree.roundId })).toMatchObject({ sessions: 4, dated: 4, undated: 0 });
		const { sessions } = await coord.scheduling.timetable({ roundId: tree.roundId });
		const lectureSessions = sessions.filter((s) => s.demand.id === lecture);
		expect(lectureSessions).toHaveLength(1);
		expect(lectureSessions[0]).toMatchObject({ status: 'draft', mode: 'offline', place: '东湖路 8 号', room: '1' });
		const series = sessions.filter((s) => s.demand.id === pair).map((s) => s.startsAt!.getTime());
		expect(series).toHaveLength(3);
		for (let i = 1; i < series.length; i++) expect(series[i] - series[i - 1]).toBeGreaterThanOrEqual(6 * 86_400_000);
		expect(sessions.find((s) => s.demand.id === pair)).toMatchObject({
			mode: 'online',
			onlineUrl: expect.stringContaining(pair),
			room: expect.any(String)
		});
		for (const s of sessions) expect(s.startsAt!.getTime()).toBeGreaterThanOrEqual(d('2027-03-08').getTime());

		expect(await (await as('volA')).scheduling.invitations()).toEqual([]);
		expect(await coord.scheduling.send({ roundId: tree.roundId })).toEqual({ sessions: 4, invitations: 2 });
		const notes = await t.db.notification.findMany({ where: { userId: tree.users.volA, kind: 'invitation.new' } });
		expect(notes).toHaveLength(2);
	});

	it('lets the volunteer accept one invitation and decline the other with a reason; the coordinators hear both', async () => {
		const vol = await as('volA');
		const list = await vol.scheduling.invitations();
		expect(list.map((i) => i.title).sort()).toEqual(['法治讲座', '结对帮扶']);
		const lectureInv = await vol.scheduling.invitation({ assignmentId: list.find((i) => i.title === '法治讲座')!.assignmentId });
		const pairInv = await vol.scheduling.invitation({ assignmentId: list.find((i) => i.title === '结对帮扶')!.assignmentId });
		expect(pairInv.sessions).toHaveLength(3);
		const seen = (inv: typeof lectureInv) => Object.fromEntries(inv.sessions.map((s) => [s.id, s.sequence]));

		// An answer made on an outdated view is refused and changes nothing.
		const stale = await failure(vol.scheduling.accept({ assignmentId: lectureInv.assignmentId, seen: { [lectureInv.sessions[0].id]: 0 } }));
		expect(stale.code).toBe('CONFLICT');

		await vol.scheduling.accept({ assignmentId: lectureInv.assignmentId, seen: seen(lectureInv) });
		await vol.scheduling.decline({ assignmentId: pairInv.assignmentId, seen: seen(pairInv), reason: 'health', note: '要住院复查' });
		const again = await failure(vol.scheduling.accept({ assignmentId: pairInv.assignmentId, seen: seen(pairInv) }));
		expect(again.code).toBe('CONFLICT');

		const { sessions, declined } = await (await as('coordA')).scheduling.timetable({ roundId: tree.roundId });
		expect(sessions.find((s) => s.demand.id === lecture)?.status).toBe('accepted');
		expect(sessions.filter((s) => s.demand.id === pair).map((s) => s.status)).toEqual(['unscheduled', 'unscheduled', 'unscheduled']);
		expect(declined).toEqual([expect.objectContaining({ volunteerName: '李老师', reason: 'health: 要住院复查' })]);
		const kinds = (await t.db.notification.findMany({ where: { userId: tree.users.coordA } })).map((n) => n.kind).sort();
		expect(kinds).toEqual(['invitation.accepted', 'invitation.declined']);
		const audit = await t.db.auditLog.findMany({ where: { entity: 'assignment' }, select: { action: true } });
		expect(audit.map((a) => a.action).sort()).toEqual(['accept', 'decline']);
	});

	it('lets only the hosting school confirm, once: of two confirmations at once one wins and the other is told why', async () => {
		const school = await as('schoolA1');
		const [session] = await school.scheduling.schoolSessions();
		expect(session.status).toBe('accepted');
		expect(await (await as('schoolB1')).scheduling.schoolSessions()).toEqual([]);
		expect((await failure((await as('schoolB1')).scheduling.confirm({ sessionId: session.id, seen: session.sequence }))).code).toBe(
			'NOT_FOUND'
		);

		const results = await Promise.allSettled([
			school.scheduling.confirm({ sessionId: session.id, seen: session.sequence }),
			school.scheduling.confirm({ sessionId: session.id, seen: session.sequence })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect(lost.reason).toBeInstanceOf(TRPCError);
		expect((lost.reason as TRPCError).code).toBe('CONFLICT');
		const [after] = await school.scheduling.schoolSessions();
		expect(after.status).toBe('confirmed');
		expect(await t.db.notification.count({ where: { userId: tree.users.volA, kind: 'session.confirmed' } })).toBe(1);
	});
});
