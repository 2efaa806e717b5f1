// Access of open board sockets. Admission checks a socket once, at upgrade, but boards stay
// open for hours while sessions end and memberships, users and organisations are switched
// off. The board server re-checks its sockets every so often, and at once when told that
// someone's access changed; this answers for many sockets in a few queries.
import type { Db } from '../../src/lib/server/db';
import { boardAccessMany } from '../../src/lib/server/auth/authorize';
import type { Access } from './room';

/** Who holds an open socket, and on which round's board. */
export interface Holder {
	sessionId: string;
	userId: string;
	roundId: string;
}

export type Verdict = Access | 'unauthenticated' | 'forbidden';

/** Session ids per query, far below either database's parameter limit. */
const SESSIONS_PER_QUERY = 1000;

/** What each holder may still do, in the order given. */
export async function recheckAccess(db: Db, holders: readonly Holder[], now = new Date()): Promise<Verdict[]> {
	const sessionIds = [...new Set(holders.map((h) => h.sessionId))];
	const live = new Set<string>();
	for (let i = 0; i < sessionIds.length; i += SESSIONS_PER_QUERY) {
		const rows = await db.authSession.findMany({
			where: { id: { in: sessionIds.slice(i, i + SESSIONS_PER_QUERY) }, expiresAt: { gt: now }, user: { active: true } },
			select: { id: true }
		});
		for (const row of rows) live.add(row.id);
	}
	const signedIn = holders.filter((h) => live.has(h.sessionId));
	const access = await boardAccessMany(db, signedIn);
	const granted = new Map(signedIn.map((h, i) => [h, access[i]]));
	return holders.map((h) => (live.has(h.sessionId) ? (granted.get(h) ?? 'forbidden') : 'unauthenticated'));
}
