// Organisation admin through the real router and database: validation, the calendar and
// visiting-hours rules, travel times, deactivation and the invitation flow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { loadPrincipal, can } from '$lib/server/auth/authorize';
import { validateSessionToken } from '$lib/server/auth/session';
import { callers, explain, failure, fieldsOf } from '$tests/helpers/callers';

describe.each(providers)('organisation admin on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as, cookies } = callers(() => t);

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	describe('organisations', () => {
		it('updates name, rural, rooms and address, and records before and after', async () => {
			const api = await as('coordA');
			const after = await api.orgs.update({
				orgId: tree.schoolA2,
				name: '东湖第二中学（新校区）',
				rural: true,
				rooms: 3,
				address: '湖滨路 8 号'
			});
			expect(after).toMatchObject({ name: '东湖第二中学（新校区）', rural: true, rooms: 3, address: '湖滨路 8 号' });
			const entry = await t.db.auditLog.findFirstOrThrow({ where: { entityId: tree.schoolA2, action: 'update' } });
			expect(JSON.parse(entry.before!)).toMatchObject({ name: '东湖第二中学', rural: false, rooms: 1 });
			expect(JSON.parse(entry.after!)).toMatchObject({ name: '东湖第二中学（新校区）', rural: true, rooms: 3 });
			expect(entry.actorId).toBe(tree.users.coordA);
		});

		it('names each bad field and keeps what was saved', async () => {
			const api = await as('coordA');
			const e = await failure(api.orgs.update({ orgId: tree.schoolA2, name: 'x', rural: false, rooms: 0, address: 'a'.repeat(121) }));
			expect(e.code).toBe('BAD_REQUEST');
			expect(fieldsOf(e).sort()).toEqual(['address', 'name', 'rooms']);
			expect(explain(e)).toMatch(/至少 2 个字/);
			expect(explain(e)).toMatch(/1 到 50 之间的整数/);
			expect((await t.db.organization.findUniqueOrThrow({ where: { id: tree.schoolA2 } })).rooms).toBe(3);
		});

		it('adds children at the right level only', async () => {
			const api = await as('coordA');
			const village = await api.orgs.create({ orgId: tree.schoolA2, name: '桃源关工小组', level: 'village_group', rural: true });
			expect(village).toMatchObject({ level: 'village_group', rural: true, districtId: tree.districtA, parentId: tree.schoolA2 });
			const wrong = await failure(api.orgs.create({ orgId: tree.schoolA2, name: '不该有的学校', level: 'school' }));
			expect(wrong.code).toBe('BAD_REQUEST');
			expect(fieldsOf(wrong)).toEqual(['level']);
			expect(wrong.message).toContain('关工小组');
			const below = await failure(api.orgs.create({ orgId: village.id, name: '再下一级', level: 'village_group' }));
			expect(below.message).toMatch(/^level: /);
		});

		it('deactivates a whole subtree, which then drops out of the tree and of people’s grants', async () => {
			const admin = await as('admin');
			const school = await admin.orgs.create({ orgId: tree.districtB, name: '西山第三小学', level: 'school' });
			const village = await admin.orgs.create({ orgId: school.id, name: '石桥关工小组', level: 'village_group' });
			const { code } = await admin.orgs.invite({ orgId: village.id, role: 'school' });
			await (await as(null)).orgs.acceptInvite({ code, username: 'shiqiao', displayName: '石桥小组', password: 'long-enough-1' });
			const member = await t.db.user.findUniqueOrThrow({ where: { username: 'shiqiao' } });
			expect(can(await loadPrincipal(t.db, member.id), 'org.view', village.path)).toBe(true);

			expect(await (await as('coordB')).orgs.deactivate({ orgId: school.id })).toEqual({ deactivated: 2 });
			const ids = (await admin.orgs.tree()).map((o) => o.id);
			expect(ids).not.toContain(school.id);
			expect(ids).not.toContain(village.id);
			expect((await admin.orgs.tree({ includeInactive: true })).find((o) => o.id === village.id)).toMatchObject({ active: false });
			expect((await loadPrincipal(t.db, member.id)).grants).toEqual([]);
			expect(await t.db.auditLog.count({ where: { action: 'deactivate', entityId: { in: [school.id, village.id] } } })).toBe(2);

			// Changes to a deactivated organisation are refused, naming why.
			const frozen = await failure(admin.orgs.update({ orgId: school.id, name: '西山第三小学', rural: false, rooms: 1 }));
			expect(frozen.message).toMatch(/^orgId: .*已停用/);

			// Reactivating goes one level at a time, top down.
			const blocked = await failure(admin.orgs.reactivate({ orgId: village.id }));
			expect(blocked.message).toMatch(/^orgId: 上级机构已停用/);
			await admin.orgs.reactivate({ orgId: school.id });
			expect((await admin.orgs.detail({ orgId: village.id })).org.active).toBe(false);
			await admin.orgs.reactivate({ orgId: village.id });
			expect((await admin.orgs.detail({ orgId: village.id })).can).toMatchObject({ deactivate: true, reactivate: false });
		});

		it('never lets anyone switch off the root of their own grant', async () => {
			expect((await failure((await as('coordA')).orgs.deactivate({ orgId: tree.districtA }))).code).toBe('FORBIDDEN');
			expect((await failure((await as('admin')).orgs.deactivate({ orgId: tree.city }))).code).toBe('FORBIDDEN');
			const detail = await (await as('coordA')).orgs.detail({ orgId: tree.districtA });
			expect(detail.can).toMatchObject({ manage: true, deactivate: false, invite: true, calendar: false, travel: true });
		});

		it('tells each viewer what they may do on an organisation', async () => {
			const school = await (await as('schoolA1')).orgs.detail({ orgId: tree.schoolA1 });
			expect(school.can).toEqual({
				manage: false,
				deactivate: false,
				reactivate: false,
				calendar: true,
				invite: false,
				travel: false,
				audit: false
			});
			expect(school.inviteRoles).toEqual([]);
			const coord = await (await as('coordA')).orgs.detail({ orgId: tree.schoolA1 });
			expect(coord.inviteRoles).toEqual(['school', 'volunteer']);
			expect(coord.childLevel).toBe('village_group');
			const leader = await (await as('leader')).orgs.detail({ orgId: tree.schoolA1 });
			expect(Object.values(leader.can).some(Boolean)).toBe(false);
			expect((await (await as('admin')).orgs.detail({ orgId: tree.city })).inviteRoles).toEqual([
				'admin',
				'coordinator',
				'leader',
				'volunteer'
			]);
		});
	});

	describe('school calendar', () => {
		const term = { kind: 'term' as const, label: '2027 春季学期', fromDate: '2027-02-22', toDate: '2027-07-09' };

		it('lets the school keep its own calendar and refuses overlapping terms, naming the clash', async () => {
			const api = await as('schoolA1');
			const entry = await api.orgs.addCalendarEntry({ orgId: tree.schoolA1, ...term });
			expect(entry.fromDate.toISOString()).toBe('2027-02-22T00:00:00.000Z');
			expect(entry.toDate.toISOString()).toBe('2027-07-09T00:00:00.000Z');
			const clash = await failure(
				api.orgs.addCalendarEntry({ orgId: tree.schoolA1, kind: 'term', label: '夏季学期', fromDate: '2027-07-01', toDate: '2027-08-31' })
			);
			expect(clash.code).toBe('BAD_REQUEST');
			expect(fieldsOf(clash)).toEqual(['fromDate']);
			expect(clash.message).toBe('fromDate: 与已有学期“2027 春季学期”（2027-02-22 至 2027-07-09）重叠。');
			// A holiday inside a term is normal.
			await api.orgs.addCalendarEntry({
				orgId: tree.schoolA1,
				kind: 'holiday',
				label: '五一假期',
				fromDate: '2027-05-01',
				toDate: '2027-05-05'
			});
			// The term may be edited without clashing with itself.
			const moved = await api.orgs.updateCalendarEntry({ orgId: tree.schoolA1, entryId: entry.id, ...term, toDate: '2027-07-02' });
			expect(moved.toDate.toISOString().slice(0, 10)).toBe('2027-07-02');
			const english = await failure(
				(await as('schoolA1', { locale: 'en' })).orgs.addCalendarEntry({
					orgId: tree.schoolA1,
					kind: 'term',
					label: 'Overlap',
					fromDate: '2027-03-01',
					toDate: '2027-03-02'
				})
			);
			expect(english.message).toBe('fromDate: Overlaps the term “2027 春季学期” (2027-02-22 to 2027-07-02).');
		});

		it('checks dates: real days, start before end, sane years, at most a year long', async () => {
			const api = await as('coordA');
			const cases: [Partial<typeof term>, string, RegExp][] = [
				[{ fromDate: '2027-07-09', toDate: '2027-02-22' }, 'toDate', /结束日期不能早于开始日期/],
				[{ fromDate: '1927-02-22' }, 'fromDate', /2020 至 2100/],
				[{ fromDate: '2027-02-30' }, 'fromDate', /有效的日期/],
				[{ toDate: '27-7-9' }, 'toDate', /有效的日期/],
				[{ fromDate: '2027-01-01', toDate: '2028-06-30' }, 'toDate', /最长 366 天/],
				[{ label: '  ' }, 'label', /请填写/]
			];
			for (const [change, field, message] of cases) {
				const e = await failure(api.orgs.addCalendarEntry({ orgId: tree.schoolA2, ...term, ...change }));
				expect(e.code).toBe('BAD_REQUEST');
				expect(fieldsOf(e)).toEqual([field]);
				expect(explain(e)).toMatch(message);
			}
			expect(await t.db.schoolCalendarEntry.count({ where: { orgId: tree.schoolA2 } })).toBe(0);
		});

		it('keeps calendars on schools and village groups only, and entries within their school', async () => {
			const api = await as('coordA');
			const district = await failure(api.orgs.addCalendarEntry({ orgId: tree.districtA, ...term }));
			expect(district.message).toMatch(/^orgId: /);
			const other = await (await as('admin')).orgs.addCalendarEntry({ orgId: tree.schoolB1, ...term });
			const wrongSchool = await failure(api.orgs.deleteCalendarEntry({ orgId: tree.schoolA1, entryId: other.id }));
			const missing = await failure(api.orgs.deleteCalendarEntry({ orgId: tree.schoolA1, entryId: 'no-such-entry' }));
			expect([wrongSchool.code, wrongSchool.message]).toEqual([missing.code, missing.message]);
			await (await as('admin')).orgs.deleteCalendarEntry({ orgId: tree.schoolB1, entryId: other.id });
			const log = await t.db.auditLog.findFirstOrThrow({ where: { entityId: other.id, action: 'delete' } });
			expect(JSON.parse(log.before!)).toMatchObject({ label: '2027 春季学期', kind: 'term' });
		});
	});

	describe('visiting hours', () => {
		it('replaces the week and records it readably', async () => {
			const api = await as('schoolA1');
			const slots = [
				{ weekday: 1, fromMinute: 8 * 60, toMinute: 11 * 60 + 30 },
				{ weekday: 1, fromMinute: 14 * 60, toMinute: 17 * 60 },
				{ weekday: 3, fromMinute: 9 * 60, toMinute: 12 * 60 }
			];
			expect(await api.orgs.setVisitingHours({ orgId: tree.schoolA1, slots })).toEqual({ count: 3 });
			expect((await api.orgs.detail({ orgId: tree.schoolA1 })).org.visitingHours).toEqual(slots);
			await api.orgs.setVisitingHours({ orgId: tree.schoolA1, slots: slots.slice(2) });
			const log = await t.db.auditLog.findFirstOrThrow({
				where: { entity: 'visiting_hours', entityId: tree.schoolA1 },
				orderBy: { at: 'desc' }
			});
			expect(JSON.parse(log.before!)).toEqual({ weekday1: '08:00–11:30, 14:00–17:00', weekday3: '09:00–12:00' });
			expect(JSON.parse(log.after!)).toEqual({ weekday3: '09:00–12:00' });
		});

		it('keeps hours between 07:00 and 21:00, in order, without overlaps, naming the slot', async () => {
			const api = await as('coordA');
			const e = await failure(
				api.orgs.setVisitingHours({
					orgId: tree.schoolA1,
					slots: [
						{ weekday: 2, fromMinute: 6 * 60, toMinute: 9 * 60 },
						{ weekday: 2, fromMinute: 8 * 60, toMinute: 10 * 60 },
						{ weekday: 4, fromMinute: 15 * 60, toMinute: 14 * 60 },
						{ weekday: 5, fromMinute: 20 * 60, toMinute: 22 * 60 },
						{ weekday: 8, fromMinute: 9 * 60, toMinute: 10 * 60 }
					]
				})
			);
			expect(fieldsOf(e)).toEqual(['slots.4.weekday']);
			const e2 = await failure(
				api.orgs.setVisitingHours({
					orgId: tree.schoolA1,
					slots: [
						{ weekday: 2, fromMinute: 6 * 60, toMinute: 9 * 60 },
						{ weekday: 2, fromMinute: 8 * 60, toMinute: 10 * 60 },
						{ weekday: 4, fromMinute: 15 * 60, toMinute: 14 * 60 },
						{ weekday: 5, fromMinute: 20 * 60, toMinute: 22 * 60 }
					]
				})
			);
			expect(fieldsOf(e2)).toEqual(['slots.0.fromMinute', 'slots.1.fromMinute', 'slots.2.toMinute', 'slots.3.toMinute']);
			expect(explain(e2)).toMatch(/最早从 07:00 开始/);
			expect(explain(e2)).toMatch(/同一天的另一个时段重叠/);
			expect(explain(e2)).toMatch(/结束时间须晚于开始时间/);
			expect(explain(e2)).toMatch(/最晚到 21:00 结束/);
			expect(await t.db.visitingHours.count({ where: { orgId: tree.schoolA1 } })).toBe(1);
		});
	});

	describe('travel times', () => {
		it('lets a city coordinator edit the matrix between districts, recording each change', async () => {
			const api = await as('cityCoord');
			expect(
				await api.orgs.setTravelTimes({
					orgId: tree.city,
					entries: [
						{ fromId: tree.districtA, toId: tree.districtB, minutes: 55 },
						{ fromId: tree.districtB, toId: tree.districtA, minutes: 55 }
					]
				})
			).toEqual({ changed: 2 });
			const matrix = await api.orgs.travelMatrix({ orgId: tree.city });
			expect(matrix.districts.map((d) => d.id).sort()).toEqual([tree.districtA, tree.districtB].sort());
			expect(matrix.times.every((x) => x.minutes === 55)).toBe(true);
			expect(await t.db.auditLog.count({ where: { entity: 'travel_time', action: 'update' } })).toBe(2);
			// Saving unchanged values records nothing.
			expect(
				await api.orgs.setTravelTimes({ orgId: tree.city, entries: [{ fromId: tree.districtA, toId: tree.districtB, minutes: 55 }] })
			).toEqual({ changed: 0 });
		});

		it('refuses a district coordinator, districts outside the subtree and nonsense minutes', async () => {
			const coordA = await as('coordA');
			expect(
				(
					await failure(
						coordA.orgs.setTravelTimes({ orgId: tree.city, entries: [{ fromId: tree.districtA, toId: tree.districtB, minutes: 5 }] })
					)
				).code
			).toBe('FORBIDDEN');
			const outside = await failure(
				coordA.orgs.setTravelTimes({ orgId: tree.districtA, entries: [{ fromId: tree.districtA, toId: tree.districtB, minutes: 5 }] })
			);
			expect([outside.code, fieldsOf(outside)]).toEqual(['NOT_FOUND', ['entries.0.toId']]);
			const api = await as('admin');
			const bad = await failure(
				api.orgs.setTravelTimes({
					orgId: tree.city,
					entries: [
						{ fromId: tree.districtA, toId: tree.districtA, minutes: 5 },
						{ fromId: tree.districtA, toId: tree.districtB, minutes: 0 },
						{ fromId: tree.districtB, toId: tree.districtA, minutes: 1.5 }
					]
				})
			);
			expect(fieldsOf(bad)).toEqual(['entries.1.minutes', 'entries.2.minutes']);
			const same = await failure(
				api.orgs.setTravelTimes({ orgId: tree.city, entries: [{ fromId: tree.districtA, toId: tree.districtA, minutes: 5 }] })
			);
			expect(fieldsOf(same)).toEqual(['entries.0.toId']);
		});
	});

	describe('invitations', () => {
		it('creates a 12-digit one-time code that signs the new person in', async () => {
			const coord = await as('coordA');
			const invite = await coord.orgs.invite({ orgId: tree.schoolA2, role: 'school', displayName: '王老师', phone: '13900000001' });
			expect(invite.code).toMatch(/^\d{12}$/);
			expect(invite.path).toBe(`/invite/${invite.code}`);
			expect(invite.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
			expect(await t.db.invitation.count({ where: { codeHash: { contains: invite.code } } })).toBe(0);

			const anon = await as(null);
			const spaced = invite.code.replace(/(\d{4})(?=\d)/g, '$1 ');
			expect(await anon.orgs.invitation({ code: spaced })).toMatchObject({
				role: 'school',
				displayName: '王老师',
				phone: '13900000001',
				org: { name: '东湖第二中学（新校区）' }
			});
			expect((await coord.orgs.invitations({ orgId: tree.schoolA2 })).map((i) => i.displayName)).toEqual(['王老师']);

			const { userId } = await anon.orgs.acceptInvite({
				code: spaced,
				username: 'wanglaoshi',
				displayName: '王老师',
				password: 'long-enough-1'
			});
			const session = await validateSessionToken(t.db, cookies.at(-1)!);
			expect(session?.user.id).toBe(userId);
			const user = await t.db.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: true } });
			expect(user.phone).toBe('13900000001');
			expect(user.memberships).toMatchObject([{ orgId: tree.schoolA2, role: 'school', active: true }]);
			const log = await t.db.auditLog.findFirstOrThrow({ where: { entity: 'membership', actorId: userId } });
			expect(log).toMatchObject({ action: 'create', orgId: tree.schoolA2, entityId: user.memberships[0].id });

			// Once only.
			expect(await anon.orgs.invitation({ code: invite.code })).toBeNull();
			const again = await failure(
				anon.orgs.acceptInvite({ code: invite.code, username: 'again', displayName: '又一位', password: 'long-enough-1' })
			);
			expect([again.code, fieldsOf(again)]).toEqual(['BAD_REQUEST', ['code']]);
			expect(await coord.orgs.invitations({ orgId: tree.schoolA2 })).toEqual([]);
		});

		it('stops working when expired or revoked, or when the organisation is deactivated', async () => {
			const coord = await as('coordA');
			const anon = await as(null, { ip: '10.0.0.2' });
			const accept = (code: string, username: string) =>
				anon.orgs.acceptInvite({ code, username, displayName: '某某', password: 'long-enough-1' });

			const expired = await coord.orgs.invite({ orgId: tree.schoolA1, role: 'school' });
			await t.db.invitation.updateMany({ where: { usedAt: null, orgId: tree.schoolA1 }, data: { expiresAt: new Date(Date.now() - 1000) } });
			expect(await anon.orgs.invitation({ code: expired.code })).toBeNull();
			expect(fieldsOf(await failure(accept(expired.code, 'expired1')))).toEqual(['code']);

			const revoked = await coord.orgs.invite({ orgId: tree.schoolA1, role: 'volunteer' });
			const [pending] = await coord.orgs.invitations({ orgId: tree.schoolA1 });
			await coord.orgs.revokeInvitation({ orgId: tree.schoolA1, invitationId: pending.id });
			expect(fieldsOf(await failure(accept(revoked.code, 'revoked1')))).toEqual(['code']);
			expect(await t.db.auditLog.count({ where: { entity: 'invitation', action: 'revoke', entityId: pending.id } })).toBe(1);

			const village = await coord.orgs.create({ orgId: tree.schoolA1, name: '临时小组', level: 'village_group' });
			const closing = await coord.orgs.invite({ orgId: village.id, role: 'school' });
			await coord.orgs.deactivate({ orgId: village.id });
			expect(fieldsOf(await failure(accept(closing.code, 'closed1')))).toEqual(['code']);
			expect(await t.db.user.count({ where: { username: { in: ['expired1', 'revoked1', 'closed1'] } } })).toBe(0);
		});

		it('limits roles: admins only by admins, each role at its level', async () => {
			const coord = await as('coordA');
			const admin = await failure(coord.orgs.invite({ orgId: tree.districtA, role: 'admin' }));
			expect([admin.code, fieldsOf(admin)]).toEqual(['FORBIDDEN', ['role']]);
			const level = await failure(coord.orgs.invite({ orgId: tree.districtA, role: 'school' }));
			expect([level.code, fieldsOf(level)]).toEqual(['BAD_REQUEST', ['role']]);
			expect(fieldsOf(await failure(coord.orgs.invite({ orgId: tree.schoolA1, role: 'coordinator' })))).toEqual(['role']);
			expect((await (await as('admin')).orgs.invite({ orgId: tree.city, role: 'admin' })).code).toMatch(/^\d{12}$/);
			const phone = await failure(coord.orgs.invite({ orgId: tree.schoolA1, role: 'school', phone: '12345' }));
			expect([fieldsOf(phone), explain(phone)]).toEqual([['phone'], 'phone: 手机号应为 1 开头的 11 位数字。']);
			// Blank optional fields are simply not given.
			expect((await coord.orgs.invite({ orgId: tree.schoolA1, role: 'school', displayName: ' ', phone: '' })).code).toMatch(/^\d{12}$/);
		});

		it('names the field when the username or phone is taken or the input is bad', async () => {
			const coord = await as('coordA');
			const anon = await as(null, { ip: '10.0.0.3' });
			const { code } = await coord.orgs.invite({ orgId: tree.schoolA1, role: 'school' });
			const taken = await failure(anon.orgs.acceptInvite({ code, username: 'coordB', displayName: '某某', password: 'long-enough-1' }));
			expect([taken.code, fieldsOf(taken)]).toEqual(['CONFLICT', ['username']]);
			const phone = await failure(
				anon.orgs.acceptInvite({ code, username: 'newbie', displayName: '某某', password: 'long-enough-1', phone: '13900000001' })
			);
			expect([phone.code, fieldsOf(phone)]).toEqual(['CONFLICT', ['phone']]);
			const bad = await failure(anon.orgs.acceptInvite({ code, username: 'a b', displayName: '', password: 'short', phone: '123' }));
			expect(fieldsOf(bad).sort()).toEqual(['displayName', 'password', 'phone', 'username']);
			// Nothing was used up by the failures.
			expect(await anon.orgs.invitation({ code })).not.toBeNull();
		});

		it('ends with one account when the same code is accepted twice at once', async () => {
			const { code } = await (await as('coordA')).orgs.invite({ orgId: tree.schoolA1, role: 'school' });
			const anon = await as(null, { ip: '10.0.0.4' });
			const results = await Promise.allSettled(
				['racer1', 'racer2'].map((username) => anon.orgs.acceptInvite({ code, username, displayName: username, password: 'long-enough-1' }))
			);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect(await t.db.user.count({ where: { username: { in: ['racer1', 'racer2'] } } })).toBe(1);
		});

		it('locks out an address guessing codes', async () => {
			const { code } = await (await as('coordA')).orgs.invite({ orgId: tree.schoolA1, role: 'school' });
			const guesser = await as(null, { ip: '10.9.9.9' });
			for (let i = 0; i < 30; i++) expect(await guesser.orgs.invitation({ code: String(100000000000 + i) })).toBeNull();
			// Even the right code is refused from there for a while, and says so.
			expect(await guesser.orgs.invitation({ code })).toBeNull();
			const locked = await failure(
				guesser.orgs.acceptInvite({ code, username: 'guesser', displayName: '某某', password: 'long-enough-1' })
			);
			expect([locked.code, fieldsOf(locked)]).toEqual(['TOO_MANY_REQUESTS', ['code']]);
			expect(await (await as(null, { ip: '10.0.0.5' })).orgs.invitation({ code })).not.toBeNull();
		});
	});

	describe('members', () => {
		it('deactivates and restores a role, which takes effect on the next request', async () => {
			const coord = await as('coordA');
			const members = await coord.orgs.members({ orgId: tree.schoolA1 });
			const school = members.find((m) => m.user.username === 'schoolA1')!;
			expect(school).toMatchObject({ role: 'school', active: true });
			await coord.orgs.deactivateMember({ orgId: tree.schoolA1, membershipId: school.id });
			expect((await failure((await as('schoolA1')).orgs.detail({ orgId: tree.schoolA1 }))).code).toBe('FORBIDDEN');
			await coord.orgs.reactivateMember({ orgId: tree.schoolA1, membershipId: school.id });
			expect((await (await as('schoolA1')).orgs.detail({ orgId: tree.schoolA1 })).org.id).toBe(tree.schoolA1);
			const logs = await t.db.auditLog.findMany({ where: { entity: 'membership', entityId: school.id }, orderBy: { at: 'asc' } });
			expect(logs.map((l) => JSON.parse(l.after!).active)).toEqual([false, true]);
		});

		it('refuses one’s own role, admins’ roles for non-admins and members of other organisations', async () => {
			const cityCoord = await as('cityCoord');
			const cityMembers = await cityCoord.orgs.members({ orgId: tree.city });
			const own = cityMembers.find((m) => m.user.username === 'cityCoord')!;
			const adminRole = cityMembers.find((m) => m.user.username === 'admin')!;
			expect([own.changeable, adminRole.changeable]).toEqual([false, false]);
			expect((await (await as('admin')).orgs.members({ orgId: tree.city })).find((m) => m.id === own.id)?.changeable).toBe(true);
			expect(fieldsOf(await failure(cityCoord.orgs.deactivateMember({ orgId: tree.city, membershipId: own.id })))).toEqual([
				'membershipId'
			]);
			expect((await failure(cityCoord.orgs.deactivateMember({ orgId: tree.city, membershipId: adminRole.id }))).code).toBe('FORBIDDEN');
			const elsewhere = await failure((await as('coordA')).orgs.deactivateMember({ orgId: tree.schoolA1, membershipId: adminRole.id }));
			expect(elsewhere.code).toBe('NOT_FOUND');
			expect((await t.db.membership.findUniqueOrThrow({ where: { id: adminRole.id } })).active).toBe(true);
		});
	});
});
