// Slows password guessing. Counters live in the database so every app instance shares them.
// Sign-in counts failures three ways: per account (whichever identifier was typed), per
// network address and account with growing delays, and per address with a high ceiling, so
// one school's shared address is not locked out by a few colleagues' typos.
import type { Db } from '../db';

export interface ThrottleRule {
	maxFailures: number;
	windowMs: number;
	lockMs: number;
	/** From this many failures on, each further one waits twice as long as the last (from 1 s), below the lock. */
	delayFrom?: number;
}

export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Invitation codes: guesses per address. */
export const IP_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Sign-in from one address to one account: 1 s, 2 s, 4 s … between guesses. */
export const NETWORK_ACCOUNT_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000, delayFrom: 2 };
/** Sign-in failures from one address across all accounts: a ceiling for a whole school's staff. */
export const SIGN_IN_ADDRESS_RULE: ThrottleRule = { maxFailures: 300, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

const BASE_DELAY_MS = 1000;

/** An existing user's counter is keyed by the user, so username and phone share it. */
export const accountKey = (account: { userId: string } | { identifier: string }) =>
	'userId' in account ? `account:user:${account.userId}` : `account:${account.identifier.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const networkAccountKey = (ip: string, account: string) => `net:${ip}:${account}`;

function lockFor(failures: number, rule: ThrottleRule): number | null {
	if (failures >= rule.maxFailures) return rule.lockMs;
	if (rule.delayFrom !== undefined && failures >= rule.delayFrom)
		return Math.min(BASE_DELAY_MS * 2 ** (failures - rule.delayFrom), rule.lockMs);
	return null;
}

/** The latest lock among the keys, or null when none is locked now. */
export async function lockedUntil(db: Db, keys: string[], now = new Date()): Promise<Date | null> {
	const rows = await db.loginThrottle.findMany({ where: { key: { in: keys } } });
	let until: Date | null = null;
	for (const r of rows) {
		if (r.lockedUntil && r.lockedUntil > now && (!until || r.lockedUntil > until)) until = r.lockedUntil;
	}
	return until;
}

export async function recordFailure(db: Db, key: string, rule: ThrottleRule, now = new Date()) {
	const row = await db.loginThrottle.findUnique({ where: { key } });
	const fresh = !row || now.getTime() - row.windowStartsAt.getTime() > rule.windowMs;
	const failures = fresh ? 1 : row.failures + 1;
	const lockMs = lockFor(failures, rule);
	const lock = lockMs === null ? null : new Date(now.getTime() + lockMs);
	await db.loginThrottle.upsert({
		where: { key },
		create: { key, failures, windowStartsAt: now, lockedUntil: lock },
		update: {
			failures,
			windowStartsAt: fresh ? now : row.windowStartsAt,
			lockedUntil: lock ?? (fresh ? null : row.lockedUntil)
		}
	});
}

export async function clearFailures(db: Db, key: string): Promise<void> {
	await db.loginThrottle.deleteMany({ where: { key } });
}
