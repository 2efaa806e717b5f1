// tRPC procedures called through the real router against a real database.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, PASSWORD, type Tree } from '$tests/helpers/fixtures';
import { validateSessionToken } from '../auth/session';
import type { Locale } from '../../validation/issues';
import { createCallerFactory } from './init';
import { appRouter } from './router';

const createCaller = createCallerFactory(appRouter);

describe.each(providers)('API on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const cookies: (string | null)[] = [];

	async function callerFor(username: string | null, locale: Locale = 'zh') {
		let user = null;
		if (username) {
			const u = await t.db.user.findUniqueOrThrow({ where: { username } });
			user = { id: u.id, username: u.username, displayName: u.displayName, locale: u.locale };
		}
		return createCaller({
			db: t.db,
			locale,
			user,
			sessionId: null,
			ip: '127.0.0.1',
			setSessionCookie: (token) => cookies.push(token)
		});
	}

	async function rejects(p: Promise<unknown>, code: TRPCError['code']) {
		await expect(p).rejects.toMatchObject({ code });
	}

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	it('signs in through the API and sets a working session cookie', async () => {
		const api = await callerFor(null);
		await api.auth.login({ identifier: 'coordA', password: PASSWORD });
		const token = cookies.at(-1)!;
		expect((await validateSessionToken(t.db, token))?.user.username).toBe('coordA');
		await expect(api.auth.login({ identifier: 'coordA', password: 'wrong' })).rejects.toMatchObject({
			code: 'UNAUTHORIZED',
			message: 'invalid_credentials'
		});
	});

	it('names the field and the reason of bad input, in the caller language', async () => {
		const zh = await callerFor(null, 'zh');
		const en = await callerFor(null, 'en');
		await expect(zh.auth.login({ identifier: '', password: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		try {
			await en.orgs.acceptInvite({ code: 'abcdefgh', username: 'a', displayName: 'x', password: 'short' });
			expect.unreachable();
		} catch (e) {
			const message = (e as Error).message;
			expect(message).toMatch(/username/);
			expect(message).toMatch(/password/);
		}
	});

	it('refuses signed-out callers on every protected procedure', async () => {
		const api = await callerFor(null);
		await rejects(api.orgs.tree(), 'UNAUTHORIZED');
		await rejects(api.board.rounds(), 'UNAUTHORIZED');
		await rejects(api.board.open({ roundId: tree.roundId }), 'UNAUTHORIZED');
		await rejects(api.orgs.create({ orgId: tree.city, name: '新区', level: 'district', rural: false }), 'UNAUTHORIZED');
	});

	it('scopes the organisation tree to the caller subtree', async () => {
		const coordA = await (await callerFor('coordA')).orgs.tree();
		expect(coordA.map((o) => o.id).sort()).toEqual([tree.districtA, tree.schoolA1, tree.schoolA2, tree.villageA1].sort());
		const school = await (await callerFor('schoolA1')).orgs.tree();
		expect(school.map((o) => o.id).sort()).toEqual([tree.schoolA1, tree.villageA1].sort());
		expect(await (await callerFor('nobody')).orgs.tree()).toEqual([]);
		expect((await (await callerFor('admin')).orgs.tree()).length).toBe(7);
	});

	it('lets coordinators create organisations only inside their subtree and at the right level', async () => {
		const api = await callerFor('coordA');
		const school = await api.orgs.create({ orgId: tree.districtA, name: '东湖第三小学', level: 'school', rural: true });
		expect(school.path.startsWith((await t.db.organization.findUniqueOrThrow({ where: { id: tree.districtA } })).path)).toBe(true);
		expect(school.districtId).toBe(tree.districtA);
		await rejects(api.orgs.create({ orgId: tree.districtB, name: '西山第二小学', level: 'school', rural: false }), 'FORBIDDEN');
		await rejects(api.orgs.create({ orgId: tree.districtA, name: '错层级', level: 'district', rural: false }), 'BAD_REQUEST');
		await rejects(
			(await callerFor('leader')).orgs.create({ orgId: tree.city, name: '新区关工委', level: 'district', rural: false }),
			'FORBIDDEN'
		);
		const audit = await t.db.auditLog.findFirst({ where: { entityId: school.id } });
		expect(audit).toMatchObject({ action: 'create', actorId: tree.users.coordA });
	});

	it('invites a user with a one-time code that works once', async () => {
		const { code } = await (await callerFor('coordA')).orgs.invite({ orgId: tree.schoolA2, role: 'school' });
		const anon = await callerFor(null);
		await anon.orgs.acceptInvite({ code, username: 'erzhong', displayName: '二中关工委', password: 'long-enough-1' });
		const user = await t.db.user.findUniqueOrThrow({ where: { username: 'erzhong' }, include: { memberships: true } });
		expect(user.memberships).toMatchObject([{ orgId: tree.schoolA2, role: 'school' }]);
		await rejects(anon.orgs.acceptInvite({ code, username: 'again', displayName: 'x', password: 'long-enough-1' }), 'BAD_REQUEST');
		await rejects((await callerFor('coordA')).orgs.invite({ orgId: tree.districtA, role: 'admin' }), 'FORBIDDEN');
		await rejects((await callerFor('coordB')).orgs.invite({ orgId: tree.schoolA2, role: 'school' }), 'FORBIDDEN');
	});

	it('opens a board for coordinators and leaders of the round only, without pupil data', async () => {
		await t.db.demand.create({
			data: {
				orgId: tree.schoolA1,
				roundId: tree.roundId,
				kind: 'mentoring',
				title: '结对帮扶：四年级留守儿童',
				topic: 'family',
				windowFrom: new Date('2027-03-01'),
				windowTo: new Date('2027-06-30'),
				status: 'open',
				pupil: { create: { pseudonym: '小雨', grade: '四年级', realName: '王某某', contact: '13800000000' } }
			}
		});
		const board = await (await callerFor('coordA')).board.open({ roundId: tree.roundId });
		expect(board.access).toBe('edit');
		expect(board.demands).toHaveLength(1);
		expect(board.volunteers.map((v) => v.id)).toEqual([tree.volunteerA]);
		expect(JSON.stringify(board)).not.toMatch(/王某某|13800000000/);
		expect((await (await callerFor('leader')).board.open({ roundId: tree.roundId })).access).toBe('read');
		await rejects((await callerFor('coordB')).board.open({ roundId: tree.roundId }), 'FORBIDDEN');
		await rejects((await callerFor('schoolA1')).board.open({ roundId: tree.roundId }), 'FORBIDDEN');
		expect(await (await callerFor('coordB')).board.rounds()).toEqual([]);
	});
});
