// Slows password guessing: after too many failures in a window, an account or an IP is
// locked for a while. Counters live in the database so every app instance shares them.
import type { Db } from '../db';

export interface ThrottleRule {
	maxFailures: number;
	windowMs: number;
	lockMs: number;
}

export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export const accountKey = (identifier: string) => `account:${identifier.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;

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
	const lock = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null;
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
