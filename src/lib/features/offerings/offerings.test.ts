// The resource menu and booking through the real router, as veterans, coordinators and schools.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { instanceFromBoard } from '$lib/features/matching/board-adapter';
import { solveMatching } from '$lib/features/matching/matcher';
import { callers, failure } from '$tests/helpers/callers';
import { approvedOffering, bookingFields, makeBookable, offeringFields } from './testing';

describe.each(providers)('resource menu and booking on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as } = callers(() => t);

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		await makeBookable(t.db, tree);
	});
	afterAll(() => t.cleanup());

	it("puts a veteran's offering on the menu only after a coordinator approves it, and a change sends it back to review", async () => {
		const vol = await as('volA');
		const { id, status } = await vol.offerings.save({
			fields: offeringFields({ title: '考试焦虑怎么办：心理健康工作坊', topic: 'legal' })
		});
		expect(status).toBe('pending');
		const school = await as('schoolA1');
		const onMenu = async (search: string) => (await school.offerings.menu({ orgId: tree.schoolA1, search })).rows.map((r) => r.id);
		expect(await onMenu('ksjl')).not.toContain(id);

		const coord = await as('coordA');
		expect((await coord.offerings.list({ status: 'pending' })).rows.map((r) => r.id)).toContain(id);
		await coord.offerings.review({ id, decision: 'approve', note: '' });
		// Found by the pinyin initials of its title (考试焦虑 → ksjl).
		expect(await onMenu('ksjl')).toContain(id);
		const notice = await t.db.notification.findFirst({ where: { userId: tree.users.volA, kind: 'offering.approved' } });
		expect(notice).not.toBeNull();

		await vol.offerings.save({ id, fields: offeringFields({ title: '考试焦虑怎么办：心理健康工作坊（新版）' }) });
		expect((await vol.offerings.mine()).find((o) => o.id === id)?.status).toBe('pending');
		expect(await onMenu('ksjl')).not.toContain(id);
	});

	it('sends an offering back only with a reason the veteran can read', async () => {
		const { id } = await (await as('volA')).offerings.save({ fields: offeringFields({ title: '家庭教育六讲' }) });
		const coord = await as('coordA');
		const refused = await failure(coord.offerings.review({ id, decision: 'reject', note: '' }));
		expect(refused.message).toMatch(/^note: /);
		await coord.offerings.review({ id, decision: 'reject', note: '请写明每一讲的内容' });
		expect((await (await as('volA')).offerings.mine()).find((o) => o.id === id)).toMatchObject({
			status: 'rejected',
			reviewNote: '请写明每一讲的内容'
		});
	});

	it("shows the school the veteran's category, modes and usual times, never a phone number", async () => {
		await t.db.volunteerProfile.update({ where: { id: tree.volunteerA }, data: { phone: '13812345678' } });
		const id = await approvedOffering(t.db, tree.volunteerA, { title: '法治进校园：身边的法律' });
		const menu = await (await as('schoolA1')).offerings.menu({ orgId: tree.schoolA1, search: '身边的法律' });
		const row = menu.rows.find((r) => r.id === id)!;
		expect(row.volunteer).toEqual({ name: '李老师', category: 'retired_teacher', usualTimes: ['2:morning'] });
		expect(row.modes).toEqual(['offline', 'online']);
		expect(JSON.stringify(menu)).not.toContain('13812345678');
	});

	it('lists an offline-only offering only where the veteran can travel', async () => {
		const id = await approvedOffering(t.db, tree.volunteerA, { title: '东湖老战士讲五史', offersOnline: false });
		await t.db.volunteerProfile.update({ where: { id: tree.volunteerA }, data: { maxTravelMinutes: 30 } });
		const seenBy = async (user: string, orgId: string) =>
			(await (await as(user)).offerings.menu({ orgId, search: '老战士' })).rows.some((r) => r.id === id);
		expect(await seenBy('schoolA1', tree.schoolA1)).toBe(true);
		// 西山 is 40 minutes away.
		expect(await seenBy('schoolB1', tree.schoolB1)).toBe(false);
		await t.db.volunteerProfile.update({ where: { id: tree.volunteerA }, data: { maxTravelMinutes: 60 } });
	});

	it("booking makes a need tied to the veteran and an invitation, kept off the board's lanes, taking capacity there", async () => {
		const offeringId = await approvedOffering(t.db, tree.volunteerA, { title: '青少年网络安全与法律' });
		const school = await as('schoolA1');
		const booked = await school.offerings.book({ orgId: tree.schoolA1, offeringId, fields: bookingFields() });
		expect(booked.roundId).toBe(tree.roundId);
		const demand = await t.db.demand.findUniqueOrThrow({ where: { id: booked.demandId }, include: { assignments: true } });
		expect(demand).toMatchObject({ offeringId, orgId: tree.schoolA1, title: '青少年网络安全与法律', audienceSize: 45, mode: 'offline' });
		expect(demand.assignments).toMatchObject([{ volunteerId: tree.volunteerA, state: 'invited', pinned: true, booked: true }]);
		const invitation = await t.db.notification.findFirst({ where: { userId: tree.users.volA, kind: 'invitation.new' } });
		expect(JSON.parse(invitation!.payload)).toMatchObject({
			href: `/me/invitations/${booked.assignmentId}`,
			demandTitle: '青少年网络安全与法律'
		});
		expect((await school.offerings.bookings({ orgId: tree.schoolA1 })).find((b) => b.demandId === booked.demandId)).toMatchObject({
			state: 'invited',
			volunteerName: '李老师'
		});

		const coord = await as('coordA');
		const board = await coord.board.open({ roundId: tree.roundId });
		expect(board.demands.map((d) => d.id)).not.toContain(booked.demandId);
		expect(board.bookings.map((b) => b.demandId)).toContain(booked.demandId);
		const me = board.volunteers.find((v) => v.id === tree.volunteerA)!;
		expect(me.booked).toBeGreaterThanOrEqual(1);

		// Auto-match solves over what is on the board, so it never proposes the booked need and leaves the booked capacity free.
		const instance = instanceFromBoard({
			round: board.round,
			demands: board.demands,
			volunteers: board.volunteers,
			travel: Object.fromEntries(board.districts.map((d) => [d.id, d.travel])),
			pinned: [],
			forbidden: []
		});
		const capacity = instance.volunteers.find((v) => v.id === tree.volunteerA)!.capacity;
		const full = instanceFromBoard({
			round: board.round,
			demands: [],
			volunteers: board.volunteers.map((v) => ({ ...v, booked: 0 })),
			travel: {},
			pinned: [],
			forbidden: []
		});
		expect(capacity).toBe(full.volunteers.find((v) => v.id === tree.volunteerA)!.capacity - me.booked!);
		expect(solveMatching(instance).assignments.some(([d]) => d === booked.demandId)).toBe(false);

		// Publishing the board (which has no placement of it) leaves the booking as it is.
		await coord.board.publish({ roundId: tree.roundId });
		expect((await t.db.assignment.findUniqueOrThrow({ where: { id: booked.assignmentId } })).state).toBe('invited');
	});

	it('a decline releases the booking: the need comes back onto the board, and a coordinator redirects it to a ranked substitute', async () => {
		const offeringId = await approvedOffering(t.db, tree.volunteerA, { title: '宪法伴我成长' });
		const booked = await (
			await as('schoolA1')
		).offerings.book({ orgId: tree.schoolA1, offeringId, fields: bookingFields({ windowFrom: '2027-04-01', windowTo: '2027-04-30' }) });
		const substitute = await t.db.volunteerProfile.create({
			data: {
				orgId: tree.districtA,
				name: '张法官',
				category: 'retired_cadre',
				homeDistrictId: tree.districtA,
				topics: { create: [{ topic: 'legal' }] },
				languages: { create: [{ language: 'zh' }] }
			}
		});
		await t.db.assignment.update({ where: { id: booked.assignmentId }, data: { state: 'declined', declineReason: '身体不适' } });

		const coord = await as('coordA');
		expect((await coord.board.open({ roundId: tree.roundId })).demands.map((d) => d.id)).toContain(booked.demandId);
		const options = await coord.offerings.substitutes({ demandId: booked.demandId });
		expect(options.map((o) => o.volunteerId)).toContain(substitute.id);
		expect(options.map((o) => o.volunteerId)).not.toContain(tree.volunteerA);
		expect(options.every((o, i) => i === 0 || options[i - 1].score >= o.score)).toBe(true);

		const refused = await failure(coord.offerings.redirect({ demandId: booked.demandId, volunteerId: tree.volunteerA }));
		expect(refused.message).toMatch(/^volunteerId: /);
		await coord.offerings.redirect({ demandId: booked.demandId, volunteerId: substitute.id });
		const assignments = await t.db.assignment.findMany({ where: { demandId: booked.demandId }, orderBy: { createdAt: 'asc' } });
		expect(assignments.map((a) => [a.volunteerId, a.state, a.booked])).toEqual([
			[tree.volunteerA, 'declined', true],
			[substitute.id, 'invited', true]
		]);
		expect((await coord.board.open({ roundId: tree.roundId })).demands.map((d) => d.id)).not.toContain(booked.demandId);
	});

	it("enforces the per-term limit, the veteran's leave and the school's calendar with errors naming the field", async () => {
		const school = await as('schoolA1');
		const limited = await approvedOffering(t.db, tree.volunteerA, { title: '民法典小课堂', perTerm: 1 });
		await school.offerings.book({ orgId: tree.schoolA1, offeringId: limited, fields: bookingFields() });
		const full = await failure(school.offerings.book({ orgId: tree.schoolA1, offeringId: limited, fields: bookingFields() }));
		expect([full.code, full.message]).toEqual(['CONFLICT', 'offeringId: 这门课本学期已约满（每学期最多 1 次）']);

		const other = await approvedOffering(t.db, tree.volunteerA, { title: '交通安全第一课' });
		await t.db.leave.create({
			data: { volunteerId: tree.volunteerA, fromDate: new Date('2027-05-01'), toDate: new Date('2027-05-31'), status: 'approved' }
		});
		const away = await failure(
			school.offerings.book({
				orgId: tree.schoolA1,
				offeringId: other,
				fields: bookingFields({ windowFrom: '2027-05-03', windowTo: '2027-05-28' })
			})
		);
		expect(away.message).toBe('fields.windowFrom: 李老师在这段时间请假');

		await t.db.schoolCalendarEntry.create({
			data: { orgId: tree.schoolA1, kind: 'exam', label: '期中考试', fromDate: new Date('2027-06-01'), toDate: new Date('2027-06-11') }
		});
		const exams = await failure(
			school.offerings.book({
				orgId: tree.schoolA1,
				offeringId: other,
				fields: bookingFields({ windowFrom: '2027-06-01', windowTo: '2027-06-11' })
			})
		);
		expect(exams.message).toMatch(/^fields\.windowFrom: 这段日期里没有一天/);

		const late = await failure(
			school.offerings.book({
				orgId: tree.schoolA1,
				offeringId: other,
				fields: bookingFields({ windowFrom: '2027-07-01', windowTo: '2027-08-20' })
			})
		);
		expect(late.message).toBe('fields.windowFrom: 日期超出了本学期安排的起止日期');
		// Nothing was saved by the refused bookings.
		expect(await t.db.demand.count({ where: { offeringId: other } })).toBe(0);
	});

	it('lets two schools race for the last booking of a term: exactly one gets it', async () => {
		const last = await approvedOffering(t.db, tree.volunteerA, { title: '防溺水安全讲座', perTerm: 1 });
		const results = await Promise.allSettled([
			(await as('schoolA1')).offerings.book({ orgId: tree.schoolA1, offeringId: last, fields: bookingFields() }),
			(await as('schoolA1')).offerings.book({ orgId: tree.schoolA1, offeringId: last, fields: bookingFields({ mode: 'online' }) })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await t.db.demand.count({ where: { offeringId: last } })).toBe(1);
	});
});
