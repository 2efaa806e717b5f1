// Re-planning through the API, on every database: a declined seat gets ranked substitutes and
// a proposal that keeps every published date the substitute can make; approved leave, a new
// blackout and a school's "another date" each re-plan only the sessions they touch; applying
// is one transaction that notifies whoever's session moved; a proposal overtaken by another
// change is refused as stale. Concurrency: accepting while a re-plan moves the session, and
// two coordinators applying re-plans of one session at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, PASSWORD, type Tree } from '$tests/helpers/fixtures';
import { hashPassword } from '$lib/server/auth/password';
import { onLive, type LiveEvent } from '$lib/server/live/bus';
import { toWallClock, weekdayOf } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import { callers, failure, type Api } from '$tests/helpers/callers';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const weekdayAt = (iso: string) => weekdayOf(toWallClock(new Date(iso)).day);
const dayAt = (iso: string) => toWallClock(new Date(iso)).day;

describe.each(providers)('re-planning on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as } = callers(() => t);
	let lecture: string;
	let pair: string;
	let substitute: string;
	const events: LiveEvent[] = [];
	let stop: () => void;

	const seenOf = (inv: { sessions: { id: string; sequence: number }[] }) => Object.fromEntries(inv.sessions.map((s) => [s.id, s.sequence]));
	async function invitationOf(api: Api, title: string) {
		const list = await api.scheduling.invitations();
		return api.scheduling.invitation({ assignmentId: list.find((i) => i.title === title)!.assignmentId });
	}
	const sessionsOf = async (demandId: string) =>
		t.db.scheduledSession.findMany({ where: { demandId }, orderBy: { seriesIndex: 'asc' }, include: { volunteers: true } });

	beforeAll(async () => {
		stop = onLive((e) => events.push(e));
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		const db = t.db;
		await db.organization.update({ where: { id: tree.schoolA1 }, data: { address: '东湖路 8 号', rooms: 2 } });
		await db.visitingHours.createMany({
			data: [2, 4].map((weekday) => ({ orgId: tree.schoolA1, weekday, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 }))
		});
		await db.availabilitySlot.createMany({
			data: [2, 4].map((weekday) => ({ volunteerId: tree.volunteerA, weekday, fromMinute: 8 * 60, toMinute: 12 * 60 }))
		});
		await db.volunteerProfile.update({ where: { id: tree.volunteerA }, data: { monthlyCapacity: 3 } });
		// The substitute: same district and topic, free on Thursday mornings only.
		const user = await db.user.create({ data: { username: 'volB', displayName: 'volB', passwordHash: await hashPassword(PASSWORD) } });
		await db.membership.create({ data: { userId: user.id, orgId: tree.districtA, role: 'volunteer' } });
		substitute = (
			await db.volunteerProfile.create({
				data: {
					userId: user.id,
					orgId: tree.districtA,
					name: '王老师',
					category: 'retired_cadre',
					homeDistrictId: tree.districtA,
					monthlyCapacity: 3,
					topics: { create: [{ topic: 'legal' }] },
					languages: { create: [{ language: 'zh' }] },
					availability: { create: [{ weekday: 4, fromMinute: 8 * 60, toMinute: 12 * 60 }] }
				}
			})
		).id;
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
				data: { ...base, kind: 'mentoring', title: '结对帮扶', mode: 'offline', sessionCount: 3, sessionMinutes: 60 }
			})
		).id;
		for (const demandId of [lecture, pair])
			await db.assignment.create({ data: { roundId: tree.roundId, demandId, volunteerId: tree.volunteerA, state: 'invited' } });
		await db.matchingRound.update({ where: { id: tree.roundId }, data: { status: 'scheduling' } });
		const coord = await as('coordA');
		await coord.scheduling.run({ roundId: tree.roundId });
		await coord.scheduling.send({ roundId: tree.roundId });
		const vol = await as('volA');
		const lectureInv = await invitationOf(vol, '法治讲座');
		await vol.scheduling.accept({ assignmentId: lectureInv.assignmentId, seen: seenOf(lectureInv) });
		const pairInv = await invitationOf(vol, '结对帮扶');
		await vol.scheduling.decline({ assignmentId: pairInv.assignmentId, seen: seenOf(pairInv), reason: 'health', note: '' });
	});
	afterAll(async () => {
		stop();
		await t.cleanup();
	});

	it('ranks substitutes for the declined seat with the matching engine, and keeps every published date the substitute can make', async () => {
		const coord = await as('coordA');
		const { declined } = await coord.scheduling.timetable({ roundId: tree.roundId });
		const seat = declined[0].assignmentId;
		const subs = await coord.scheduling.substitutes({ roundId: tree.roundId, assignmentId: seat });
		expect(subs.map((s) => s.name)).toEqual(['王老师']);
		expect(subs[0]).toMatchObject({ mode: 'offline', travelMinutes: 0, load: 0, reasons: { modePenalty: 0, loadCost: 0 } });
		// The seat's published dates the substitute cannot make (not Thursday mornings) are named.
		const published = (await sessionsOf(pair)).filter((s) => s.startsAt);
		const notThursday = published.filter((s) => weekdayAt(s.startsAt!.toISOString()) !== 4).map((s) => s.startsAt!.toISOString());
		expect(notThursday.length).toBeGreaterThan(0);
		expect(subs[0].available).toBe(false);
		expect(subs[0].conflicts).toEqual(notThursday.sort().map((startsAt) => expect.objectContaining({ kind: 'hours', startsAt })));

		const refused = await failure(
			coord.scheduling.proposeSubstitute({ roundId: tree.roundId, assignmentId: seat, volunteerId: tree.volunteerA })
		);
		expect(refused.message).toContain(m.sched_replan_error_not_substitute());

		const before = await sessionsOf(pair);
		await coord.scheduling.proposeSubstitute({ roundId: tree.roundId, assignmentId: seat, volunteerId: substitute });
		// Nothing is written until the proposal is applied.
		expect((await sessionsOf(pair)).map((s) => [s.status, s.sequence])).toEqual(before.map((s) => [s.status, s.sequence]));
		const [proposal] = await coord.scheduling.replans({ roundId: tree.roundId });
		expect(proposal.trigger).toBe('decline');
		expect(proposal.triggerText).toContain('王老师');
		expect(proposal.rows).toHaveLength(3);
		for (const row of proposal.rows) {
			expect(weekdayAt(row.to!)).toBe(4);
			// A Thursday the substitute can make stays as published; only the others move.
			if (weekdayAt(row.from!) === 4) expect(row.kind).toBe('unchanged');
			else expect(row.kind).toBe('moved');
		}
		expect(proposal.affected).toEqual(expect.arrayContaining(['王老师', '东湖实验小学']));

		events.length = 0;
		expect(await coord.scheduling.applyReplan({ roundId: tree.roundId, replanId: proposal.id })).toMatchObject({ ok: true, sessions: 3 });
		const after = await sessionsOf(pair);
		expect(after.map((s) => s.status)).toEqual(['planned', 'planned', 'planned']);
		expect(after.map((s) => s.volunteers.map((v) => v.volunteerId))).toEqual([[substitute], [substitute], [substitute]]);
		expect(after.map((s) => s.startsAt!.toISOString())).toEqual(proposal.rows.map((r) => r.to));
		expect(events).toContainEqual({ type: 'sessions.changed', sessionIds: expect.arrayContaining(after.map((s) => s.id)) });
		expect(
			await t.db.notification.count({
				where: { kind: 'invitation.new', userId: (await t.db.user.findUnique({ where: { username: 'volB' } }))!.id }
			})
		).toBe(1);
		const moved = proposal.rows.filter((r) => r.kind === 'moved').length;
		expect(await t.db.notification.count({ where: { kind: 'session.moved', userId: tree.users.schoolA1 } })).toBe(moved);
		expect(await t.db.auditLog.count({ where: { entity: 'replan', action: { in: ['propose', 'apply'] } } })).toBe(2);
		expect(await coord.scheduling.replans({ roundId: tree.roundId })).toEqual([]);

		// Applying it again is refused and changes nothing.
		const again = await failure(coord.scheduling.applyReplan({ roundId: tree.roundId, replanId: proposal.id }));
		expect(again.code).toBe('CONFLICT');
		expect(again.message).toContain(m.sched_replan_error_decided());

		// The substitute answers like anyone invited.
		const volB = await as('volB');
		const inv = await invitationOf(volB, '结对帮扶');
		expect(inv.sessions).toHaveLength(3);
		await volB.scheduling.accept({ assignmentId: inv.assignmentId, seen: seenOf(inv) });
		expect((await sessionsOf(pair)).map((s) => s.status)).toEqual(['accepted', 'accepted', 'accepted']);
	});

	it('re-plans only the sessions inside newly approved leave and asks the volunteer again', async () => {
		const [lectureSession] = await sessionsOf(lecture);
		expect(lectureSession.status).toBe('accepted');
		const day = dayAt(lectureSession.startsAt!.toISOString());
		const leave = await t.db.leave.create({ data: { volunteerId: tree.volunteerA, fromDate: d(day), toDate: d(day), reason: '体检' } });
		await (await as('coordA')).volunteers.decideLeave({ id: leave.id, approve: true });

		const coord = await as('coordA');
		const [proposal] = await coord.scheduling.replans({ roundId: tree.roundId });
		expect(proposal.trigger).toBe('leave');
		expect(proposal.rows.map((r) => [r.sessionId, r.kind])).toEqual([[lectureSession.id, 'moved']]);
		expect(dayAt(proposal.rows[0].to!)).not.toBe(day);

		await coord.scheduling.applyReplan({ roundId: tree.roundId, replanId: proposal.id });
		const [moved] = await sessionsOf(lecture);
		expect(moved).toMatchObject({ status: 'planned', sequence: lectureSession.sequence + 1 });
		expect(moved.startsAt!.toISOString()).toBe(proposal.rows[0].to);
		expect(await t.db.assignment.findFirst({ where: { demandId: lecture }, select: { state: true } })).toEqual({ state: 'invited' });
		expect(await t.db.notification.count({ where: { kind: 'session.moved', userId: tree.users.volA } })).toBe(1);
		// The volunteer sees the new date and may accept again.
		expect((await invitationOf(await as('volA'), '法治讲座')).sessions[0].startsAt).toEqual(moved.startsAt);
	});

	it('of an acceptance and a re-plan moving the same session at once, one wins and the other is told why', async () => {
		const [s] = await sessionsOf(lecture);
		const day = dayAt(s.startsAt!.toISOString());
		await (
			await as('schoolA1')
		).orgs.addCalendarEntry({ orgId: tree.schoolA1, kind: 'closed', label: '校运会', fromDate: day, toDate: day });
		const coord = await as('coordA');
		const [proposal] = await coord.scheduling.replans({ roundId: tree.roundId });
		expect(proposal).toMatchObject({ trigger: 'blackout', outdated: false });
		// The sessions of that day (and, to stay whole, the series of any of them), nothing else.
		expect(proposal.rows.map((r) => r.sessionId)).toContain(s.id);
		for (const r of proposal.rows) expect(dayAt(r.from!) === day || r.title === '结对帮扶').toBe(true);

		const vol = await as('volA');
		const inv = await invitationOf(vol, '法治讲座');
		const results = await Promise.allSettled([
			vol.scheduling.accept({ assignmentId: inv.assignmentId, seen: seenOf(inv) }),
			coord.scheduling.applyReplan({ roundId: tree.roundId, replanId: proposal.id })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as TRPCError;
		expect(lost).toBeInstanceOf(TRPCError);
		expect(lost.code).toBe('CONFLICT');
		expect([m.sched_error_changed(), m.sched_replan_stale_changed()]).toContain(lost.message);
		const [after] = await sessionsOf(lecture);
		if (results[0].status === 'fulfilled') {
			expect(after.status).toBe('accepted');
			expect(await t.db.replan.findUnique({ where: { id: proposal.id }, select: { status: true } })).toEqual({ status: 'stale' });
		} else {
			expect(after.status).toBe('planned');
			expect(dayAt(after.startsAt!.toISOString())).not.toBe(day);
		}
	});

	it('of two coordinators applying re-plans of one session at once, one applies and the other is refused as stale', async () => {
		const [s] = await sessionsOf(lecture);
		const day = dayAt(s.startsAt!.toISOString());
		const school = await as('schoolA1');
		await school.orgs.addCalendarEntry({ orgId: tree.schoolA1, kind: 'exam', label: '月考', fromDate: day, toDate: day });
		await school.orgs.addCalendarEntry({ orgId: tree.schoolA1, kind: 'closed', label: '停电检修', fromDate: day, toDate: day });
		const proposals = (await (await as('coordA')).scheduling.replans({ roundId: tree.roundId })).filter((p) =>
			p.rows.some((r) => r.sessionId === s.id)
		);
		expect(proposals.length).toBeGreaterThanOrEqual(2);
		const [a, b] = proposals.slice(-2);
		const results = await Promise.allSettled([
			(await as('coordA')).scheduling.applyReplan({ roundId: tree.roundId, replanId: a.id }),
			(await as('cityCoord')).scheduling.applyReplan({ roundId: tree.roundId, replanId: b.id })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const lost = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as TRPCError;
		expect(lost.code).toBe('CONFLICT');
		expect(lost.message).toBe(m.sched_replan_stale_changed());
		const statuses = await t.db.replan.findMany({ where: { id: { in: [a.id, b.id] } }, select: { status: true } });
		expect(statuses.map((x) => x.status).sort()).toEqual(['applied', 'stale']);
		const [after] = await sessionsOf(lecture);
		expect(dayAt(after.startsAt!.toISOString())).not.toBe(day);
		for (const p of await (await as('coordA')).scheduling.replans({ roundId: tree.roundId }))
			await (await as('coordA')).scheduling.discardReplan({ roundId: tree.roundId, replanId: p.id });
	});

	it('lets the school ask for another date instead of confirming: that session alone goes to a later day', async () => {
		const volB = await as('volB');
		const inv = await invitationOf(volB, '结对帮扶');
		if (inv.state === 'invited') await volB.scheduling.accept({ assignmentId: inv.assignmentId, seen: seenOf(inv) });
		const school = await as('schoolA1');
		const accepted = (await school.scheduling.schoolSessions()).filter((s) => s.demand.id === pair && s.status === 'accepted');
		const target = accepted[accepted.length - 1];
		expect(target.dateRequested).toBe(false);
		await school.scheduling.requestDate({ sessionId: target.id, seen: target.sequence, note: '那天要期末复习' });
		const again = await failure(school.scheduling.requestDate({ sessionId: target.id, seen: target.sequence, note: '' }));
		expect(again.message).toContain(m.sched_replan_error_already_asked());
		expect((await school.scheduling.schoolSessions()).find((s) => s.id === target.id)?.dateRequested).toBe(true);
		expect(await t.db.notification.count({ where: { kind: 'session.date_requested', userId: tree.users.coordA } })).toBe(1);
		expect(
			(await failure((await as('schoolB1')).scheduling.requestDate({ sessionId: target.id, seen: target.sequence, note: '' }))).code
		).toBe('NOT_FOUND');

		const coord = await as('coordA');
		const [proposal] = await coord.scheduling.replans({ roundId: tree.roundId });
		expect(proposal.trigger).toBe('date_request');
		const row = proposal.rows.find((r) => r.sessionId === target.id)!;
		expect(proposal.rows.every((r) => r.sessionId === target.id || r.kind === 'unchanged' || r.title === '结对帮扶')).toBe(true);
		expect(row.kind).toBe('moved');
		expect(dayAt(row.to!) > dayAt(row.from!)).toBe(true);
		await coord.scheduling.applyReplan({ roundId: tree.roundId, replanId: proposal.id });
		const moved = await t.db.scheduledSession.findUniqueOrThrow({ where: { id: target.id } });
		expect(moved.status).toBe('planned');
		expect(moved.startsAt!.toISOString()).toBe(row.to);
	});

	it('cancels a session, telling the volunteer and the school, and audits it', async () => {
		const coord = await as('coordA');
		const [s] = await sessionsOf(lecture);
		const stale = await failure(coord.scheduling.cancelSession({ sessionId: s.id, seen: s.sequence - 1, reason: '场地维修' }));
		expect(stale.code).toBe('CONFLICT');
		await coord.scheduling.cancelSession({ sessionId: s.id, seen: s.sequence, reason: '场地维修' });
		expect((await sessionsOf(lecture))[0]).toMatchObject({ status: 'cancelled', cancelReason: '场地维修' });
		expect(await t.db.notification.count({ where: { kind: 'session.cancelled', userId: tree.users.volA } })).toBe(1);
		expect(await t.db.auditLog.count({ where: { entity: 'session', entityId: s.id, action: 'cancel' } })).toBe(1);
	});

	it('refuses, as stale, a proposal whose new times the rest of the timetable no longer allows', async () => {
		const [first] = (await sessionsOf(pair)).filter((x) => x.startsAt && x.status !== 'cancelled');
		const day = dayAt(first.startsAt!.toISOString());
		await (
			await as('schoolA1')
		).orgs.addCalendarEntry({ orgId: tree.schoolA1, kind: 'closed', label: '消防演练', fromDate: day, toDate: day });
		const coord = await as('coordA');
		const [proposal] = await coord.scheduling.replans({ roundId: tree.roundId });
		const targets = proposal.rows.filter((r) => r.to).map((r) => dayAt(r.to!));
		expect(targets.length).toBeGreaterThan(0);
		// Leave approved elsewhere meanwhile (no session of the proposal changed): its new days are now taken.
		for (const target of targets)
			await t.db.leave.create({ data: { volunteerId: substitute, fromDate: d(target), toDate: d(target), status: 'approved' } });
		const refused = await failure(coord.scheduling.applyReplan({ roundId: tree.roundId, replanId: proposal.id }));
		expect(refused.code).toBe('CONFLICT');
		expect(refused.message).toBe(m.sched_replan_stale_conflict());
		expect(await t.db.replan.findUnique({ where: { id: proposal.id }, select: { status: true } })).toEqual({ status: 'stale' });
		expect((await sessionsOf(pair)).find((x) => x.id === first.id)?.startsAt).toEqual(first.startsAt);
	});
});
