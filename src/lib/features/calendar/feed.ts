// Private ICS subscriptions: the URL carries a random secret, the database only its hash,
// so a leaked table opens nobody's calendar. A feed serves what its owner would see in
// the calendar (optionally narrowed by the calendar's filters in the URL), from 90 days
// back to a year ahead, and answers 304 while nothing in it changed.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { principalOfUser, principalSelect } from '$lib/server/auth/authorize';
import { generateSessionToken, sessionIdFromToken } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db';
import { sessionsToIcs } from './ics';
import { describeSession } from './describe';
import { findVisibleSessions, overlapping, visibleSessionsWhere } from './sessions';
import type { CalendarFilters } from './schemas';

const DAY = 86_400_000;
export const FEED_PAST_DAYS = 90;
export const FEED_FUTURE_DAYS = 366;

/** Issues a new secret for the user; the previous URL stops working at once. */
export async function regenerateFeedToken(db: Db, userId: string): Promise<string> {
	const token = generateSessionToken();
	const tokenHash = sessionIdFromToken(token);
	await db.calendarFeed.upsert({ where: { userId }, create: { userId, tokenHash }, update: { tokenHash, createdAt: new Date() } });
	return token;
}

export async function revokeFeedToken(db: Db, userId: string): Promise<void> {
	await db.calendarFeed.deleteMany({ where: { userId } });
}

export type FeedAnswer = { status: 404 } | { status: 304; etag: string } | { status: 200; etag: string; body: string };

/**
 * Rendered feeds by ETag and origin. The ETag fingerprints the owner, their grants, the token's
 * issue, the filters, the window and every session in it (and any school's or demand's change), so a
 * body found here is exactly what a fresh render would give: a change or a new session changes
 * the key, never the entry. Small: a 1 000-session feed is about 370 KB.
 */
const FEED_CACHE_SIZE = 16;
const rendered = new Map<string, string>();

function remember(key: string, body: string) {
	rendered.delete(key);
	rendered.set(key, body);
	if (rendered.size > FEED_CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
}

/** For measuring a cold render and for tests; the cache never needs clearing for correctness. */
export function clearFeedCache() {
	rendered.clear();
}

export async function answerFeed(
	db: Db,
	token: string,
	filters: CalendarFilters,
	options: { origin: string; ifNoneMatch: string | null; now?: Date }
): Promise<FeedAnswer> {
	// The owner and their grants in one read: a 304 costs this, the feed's row and the aggregates.
	const feed = await db.calendarFeed.findUnique({ where: { tokenHash: sessionIdFromToken(token) } });
	const user = feed
		? await db.user.findUnique({
				where: { id: feed.userId },
				select: { id: true, active: true, locale: true, displayName: true, ...principalSelect }
			})
		: null;
	if (!feed || !user?.active) return { status: 404 };
	const principal = principalOfUser(user);
	const now = options.now ?? new Date();
	// Whole days keep the window (and so the ETag) steady between two polls.
	const from = new Date(Math.floor(now.getTime() / DAY) * DAY - FEED_PAST_DAYS * DAY);
	const to = new Date(from.getTime() + (FEED_PAST_DAYS + FEED_FUTURE_DAYS) * DAY);
	const where = { AND: [visibleSessionsWhere(principal, filters), overlapping(from, to)] };
	const [stats, schools, demands] = await Promise.all([
		db.scheduledSession.aggregate({ where, _count: { _all: true }, _max: { updatedAt: true }, _sum: { sequence: true } }),
		// A school's new address or a demand's new title changes the text, not the session row.
		// Their latest change anywhere (not joined to the feed's sessions, which cost several
		// times the rest): such changes are rare, and a needless re-render is only slower.
		db.organization.aggregate({ _max: { updatedAt: true } }),
		db.demand.aggregate({ _max: { updatedAt: true } })
	]);
	const fingerprint = [
		user.id,
		user.locale,
		user.displayName,
		feed.createdAt.toISOString(),
		from.toISOString(),
		JSON.stringify(filters),
		JSON.stringify(principal.grants),
		principal.volunteerId,
		stats._count._all,
		stats._max.updatedAt?.toISOString() ?? '',
		stats._sum.sequence ?? 0,
		schools._max.updatedAt?.toISOString() ?? '',
		demands._max.updatedAt?.toISOString() ?? ''
	].join('|');
	const etag = `"${encodeHexLowerCase(sha256(new TextEncoder().encode(fingerprint))).slice(0, 32)}"`;
	if (options.ifNoneMatch && options.ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
		return { status: 304, etag };
	const key = `${etag}|${options.origin}`;
	const cached = rendered.get(key);
	if (cached !== undefined) {
		remember(key, cached);
		return { status: 200, etag, body: cached };
	}
	const sessions = await findVisibleSessions(db, principal, { from, to, filters });
	const locale = user.locale === 'en' ? 'en' : 'zh';
	const body = sessionsToIcs(sessions, {
		name: `Silverbridge · ${user.displayName}`,
		origin: options.origin,
		describe: (s) => describeSession(s, locale)
	});
	remember(key, body);
	return { status: 200, etag, body };
}
