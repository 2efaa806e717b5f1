import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, PASSWORD, type Tree } from '$tests/helpers/fixtures';
import { login } from './login';
import { SESSION_LIFETIME_MS, sessionIdFromToken, tokenFromCookieHeader, validateSessionToken } from './session';
import { ACCOUNT_RULE, SIGN_IN_ADDRESS_RULE } from './throttle';

describe.each(providers)('sign-in on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	it('signs in by username or phone and the token validates', async () => {
		await t.db.user.update({ where: { id: tree.users.coordA }, data: { phone: '13900000001' } });
		const byName = await login(t.db, { identifier: 'coordA', password: PASSWORD, ip: '10.0.0.1' });
		const byPhone = await login(t.db, { identifier: '13900000001', password: PASSWORD, ip: '10.0.0.1' });
		expect(byName.ok && byPhone.ok).toBe(true);
		if (!byName.ok) return;
		const valid = await validateSessionToken(t.db, byName.token);
		expect(valid?.user.username).toBe('coordA');
		// Only the hash of the token is stored.
		expect(await t.db.authSession.findUnique({ where: { id: byName.token } })).toBeNull();
		expect(await t.db.authSession.findUnique({ where: { id: sessionIdFromToken(byName.token) } })).not.toBeNull();
	});

	it('refuses a wrong password and an unknown user alike', async () => {
		const wrong = await login(t.db, { identifier: 'coordB', password: 'nope', ip: '10.0.0.2' });
		const unknown = await login(t.db, { identifier: 'ghost', password: 'nope', ip: '10.0.0.2' });
		expect(wrong).toEqual({ ok: false, reason: 'invalid_credentials' });
		expect(unknown).toEqual({ ok: false, reason: 'invalid_credentials' });
	});

	it('locks an account after repeated failures, even for the right password', async () => {
		for (let i = 0; i < ACCOUNT_RULE.maxFailures - 1; i++) {
			expect((await login(t.db, { identifier: 'leader', password: 'bad', ip: `10.1.0.${i}` })).ok).toBe(false);
		}
		const last = await login(t.db, { identifier: 'leader', password: 'bad', ip: '10.1.1.1' });
		expect(last).toMatchObject({ ok: false, reason: 'throttled' });
		const right = await login(t.db, { identifier: 'leader', password: PASSWORD, ip: '10.1.1.2' });
		expect(right).toMatchObject({ ok: false, reason: 'throttled' });
		// After the lock expires the right password works again.
		const later = new Date(Date.now() + ACCOUNT_RULE.lockMs + 1000);
		expect((await login(t.db, { identifier: 'leader', password: PASSWORD, ip: '10.1.1.3' }, later)).ok).toBe(true);
	});

	it('locks the account whichever identifier was typed', async () => {
		await t.db.user.update({ where: { id: tree.users.nobody }, data: { phone: '13900000002' } });
		for (let i = 0; i < ACCOUNT_RULE.maxFailures; i++) await login(t.db, { identifier: 'nobody', password: 'bad', ip: `10.2.0.${i}` });
		expect(await login(t.db, { identifier: '13900000002', password: PASSWORD, ip: '10.2.1.1' })).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
		expect(await login(t.db, { identifier: '13900000002', password: 'bad', ip: '10.2.1.2' })).toMatchObject({
			ok: false,
			reason: 'throttled'
		});
	});

	it('slows repeated guesses from one address at one account with growing delays', async () => {
		const at = (s: number) => new Date(Date.UTC(2027, 0, 1, 0, 0, s));
		const guess = (s: number) => login(t.db, { identifier: 'ghost-net', password: 'bad', ip: '10.3.0.1' }, at(s));
		expect(await guess(0)).toMatchObject({ reason: 'invalid_credentials' });
		const second = await guess(1);
		expect(second).toMatchObject({ reason: 'throttled', retryAt: at(2) });
		expect(await guess(1)).toMatchObject({ reason: 'throttled' });
		const third = await guess(2);
		expect(third).toMatchObject({ reason: 'throttled', retryAt: at(4) });
		// Another address is not slowed by this one.
		expect(await login(t.db, { identifier: 'ghost-net', password: 'bad', ip: '10.3.0.2' }, at(2))).toMatchObject({
			reason: 'invalid_credentials'
		});
	});

	it('keeps a school’s shared address open after many colleagues’ typos, up to a high ceiling', async () => {
		const ip = '10.9.9.9';
		for (let i = 0; i < 40; i++)
			expect(await login(t.db, { identifier: `x${i}`, password: 'bad', ip })).toMatchObject({ reason: 'invalid_credentials' });
		expect((await login(t.db, { identifier: 'schoolA1', password: PASSWORD, ip })).ok).toBe(true);
		await t.db.loginThrottle.update({ where: { key: `ip:${ip}` }, data: { failures: SIGN_IN_ADDRESS_RULE.maxFailures - 1 } });
		expect(await login(t.db, { identifier: 'x-last', password: 'bad', ip })).toMatchObject({ reason: 'throttled' });
		expect(await login(t.db, { identifier: 'schoolA1', password: PASSWORD, ip })).toMatchObject({ reason: 'throttled' });
		expect((await login(t.db, { identifier: 'schoolA1', password: PASSWORD, ip: '10.9.9.8' })).ok).toBe(true);
	});

	it('expires sessions and slides them when used late in their life', async () => {
		const r = await login(t.db, { identifier: 'schoolB1', password: PASSWORD, ip: '10.0.0.3' });
		if (!r.ok) throw new Error('login failed');
		const lateInLife = new Date(r.expiresAt.getTime() - SESSION_LIFETIME_MS / 4);
		const renewed = await validateSessionToken(t.db, r.token, lateInLife);
		expect(renewed!.session.expiresAt.getTime()).toBeGreaterThan(r.expiresAt.getTime());
		const afterExpiry = new Date(renewed!.session.expiresAt.getTime() + 1);
		expect(await validateSessionToken(t.db, r.token, afterExpiry)).toBeNull();
		expect(await validateSessionToken(t.db, r.token)).toBeNull();
	});

	it('refuses deactivated users', async () => {
		const r = await login(t.db, { identifier: 'coordB', password: PASSWORD, ip: '10.0.0.4' });
		if (!r.ok) throw new Error('login failed');
		await t.db.user.update({ where: { id: tree.users.coordB }, data: { active: false } });
		expect(await validateSessionToken(t.db, r.token)).toBeNull();
		expect(await login(t.db, { identifier: 'coordB', password: PASSWORD, ip: '10.0.0.4' })).toMatchObject({ ok: false });
	});
});

describe('cookie header parsing', () => {
	it('finds the session token among other cookies', () => {
		expect(tokenFromCookieHeader('a=1; sb_session=abc%3D; PARAGLIDE_LOCALE=en')).toBe('abc=');
		expect(tokenFromCookieHeader('a=1')).toBeNull();
		expect(tokenFromCookieHeader(undefined)).toBeNull();
	});
});
