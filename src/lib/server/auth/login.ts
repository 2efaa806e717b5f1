// Password sign-in by username or phone number.
import type { Db } from '../db';
import { hashPassword, verifyPassword } from './password';
import { createSession, generateSessionToken } from './session';
import {
	ACCOUNT_RULE,
	NETWORK_ACCOUNT_RULE,
	SIGN_IN_ADDRESS_RULE,
	accountKey,
	clearFailures,
	ipKey,
	lockedUntil,
	networkAccountKey,
	recordFailure
} from './throttle';

export type LoginResult =
	| { ok: true; userId: string; token: string; expiresAt: Date }
	| { ok: false; reason: 'invalid_credentials' }
	| { ok: false; reason: 'throttled'; retryAt: Date };

// Verifying against a real hash when the user does not exist keeps the timing of
// "no such user" and "wrong password" alike.
let decoyHash: Promise<string> | null = null;

export async function login(db: Db, input: { identifier: string; password: string; ip: string }, now = new Date()): Promise<LoginResult> {
	const identifier = input.identifier.trim();
	const user = await db.user.findFirst({
		where: { OR: [{ username: identifier }, { phone: identifier }], active: true }
	});
	const account = accountKey(user ? { userId: user.id } : { identifier });
	const rules = [
		[account, ACCOUNT_RULE],
		[networkAccountKey(input.ip, account), NETWORK_ACCOUNT_RULE],
		[ipKey(input.ip), SIGN_IN_ADDRESS_RULE]
	] as const;
	const keys = rules.map(([key]) => key);
	const locked = await lockedUntil(db, keys, now);
	if (locked) return { ok: false, reason: 'throttled', retryAt: locked };

	decoyHash ??= hashPassword('decoy-password-never-matches');
	const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
	if (!user || !valid) {
		for (const [key, rule] of rules) await recordFailure(db, key, rule, now);
		const nowLocked = await lockedUntil(db, keys, now);
		if (nowLocked) return { ok: false, reason: 'throttled', retryAt: nowLocked };
		return { ok: false, reason: 'invalid_credentials' };
	}
	await clearFailures(db, keys[0]);
	await clearFailures(db, keys[1]);
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, now);
	await db.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
	return { ok: true, userId: user.id, token, expiresAt: session.expiresAt };
}
