// Who may open which board socket. The upgrade request carries the session cookie like any
// page request; the board of round R is open to whoever `boardAccessForRound` lets see it.
import type { IncomingMessage } from 'node:http';
import { roundIdFromDocName } from '../../src/lib/features/board/schemas';
import { sessionIdFromToken, tokenFromCookieHeader } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { recheckAccess } from './access';
import type { Access } from './room';

/**
 * Close codes. 4400–4499 tell the stock client not to reconnect (the refusal would repeat);
 * 1011 and 1001 make it retry with backoff.
 */
export const CLOSE = {
	malformed: { code: 4400, reason: 'malformed message' },
	textFrame: { code: 1003, reason: 'binary frames only' },
	tooEarly: { code: 1008, reason: 'too much data before the board was ready' },
	unauthenticated: { code: 4401, reason: 'unauthenticated' },
	forbidden: { code: 4403, reason: 'forbidden' },
	unknownBoard: { code: 4404, reason: 'unknown board' },
	updateTooLarge: { code: 4413, reason: 'update too large' },
	boardFull: { code: 4414, reason: 'board full' },
	rolledBack: { code: 4409, reason: 'board rolled back' },
	/** The client's document predates a rollback: it may hold undone edits, so none of it is taken. */
	staleGeneration: { code: 4410, reason: 'board rolled back since this copy was loaded' },
	serverError: { code: 1011, reason: 'server error' },
	notSaved: { code: 1011, reason: 'could not save, reconnect' },
	shuttingDown: { code: 1001, reason: 'server shutting down' }
} as const;

export type Refusal = (typeof CLOSE)[keyof typeof CLOSE];

export type Admission =
	{ ok: true; docName: string; roundId: string; userId: string; sessionId: string; access: Access } | { ok: false; refusal: Refusal };

export const BOARD_PATH_PREFIX = '/yjs/';

/** Round ids are cuids; anything else in a board name is refused before touching the database. */
const ROUND_ID = /^[A-Za-z0-9_-]{1,64}$/;

function boardOf(url: string | undefined): { docName: string; roundId: string } | null {
	try {
		const { pathname } = new URL(url ?? '', 'http://localhost');
		if (!pathname.startsWith(BOARD_PATH_PREFIX)) return null;
		const docName = decodeURIComponent(pathname.slice(BOARD_PATH_PREFIX.length));
		const roundId = roundIdFromDocName(docName);
		return roundId !== null && ROUND_ID.test(roundId) ? { docName, roundId } : null;
	} catch {
		return null;
	}
}

/**
 * A browser always sends Origin on websocket requests, and a page on another site could
 * otherwise ride the user's cookie (cross-site websocket hijacking). Non-browser clients
 * send none and still need the cookie.
 */
function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return true;
	if (allowedOrigins.includes(origin)) return true;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

interface Waiting {
	req: IncomingMessage;
	docName: string;
	roundId: string;
	sessionId: string;
	resolve(admission: Admission): void;
	reject(error: unknown): void;
}

/**
 * Admits board sockets in batches: every upgrade that arrives within one event-loop turn
 * (hundreds at once when clients reconnect after a restart) is checked with the same few
 * queries that re-check open sockets, instead of a few queries each.
 */
export class Admissions {
	#waiting: Waiting[] = [];
	#scheduled = false;

	constructor(
		private readonly db: Db,
		private readonly allowedOrigins: readonly string[]
	) {}

	admit(req: IncomingMessage): Promise<Admission> {
		if (!originAllowed(req, this.allowedOrigins)) return Promise.resolve({ ok: false, refusal: CLOSE.forbidden });
		const board = boardOf(req.url);
		if (!board) return Promise.resolve({ ok: false, refusal: CLOSE.unknownBoard });
		const token = tokenFromCookieHeader(req.headers.cookie);
		if (!token) return Promise.resolve({ ok: false, refusal: CLOSE.unauthenticated });
		return new Promise((resolve, reject) => {
			this.#waiting.push({ req, ...board, sessionId: sessionIdFromToken(token), resolve, reject });
			if (this.#scheduled) return;
			this.#scheduled = true;
			setImmediate(() => void this.#flush());
		});
	}

	async #flush(): Promise<void> {
		this.#scheduled = false;
		const batch = this.#waiting.splice(0);
		try {
			const sessions = await this.db.authSession.findMany({
				where: { id: { in: [...new Set(batch.map((w) => w.sessionId))] } },
				select: { id: true, userId: true }
			});
			const userOf = new Map(sessions.map((s) => [s.id, s.userId]));
			const known = batch.filter((w) => userOf.has(w.sessionId));
			const holders = known.map((w) => ({ sessionId: w.sessionId, userId: userOf.get(w.sessionId)!, roundId: w.roundId }));
			// Expired sessions and switched-off users count as signed out, as on every page.
			const verdicts = await recheckAccess(this.db, holders);
			const verdictOf = new Map(known.map((w, i) => [w, verdicts[i]]));
			for (const w of batch) {
				const verdict = verdictOf.get(w) ?? 'unauthenticated';
				// A missing round and one outside the user's subtree are refused alike, as in the
				// API, so a socket cannot probe which rounds exist.
				if (verdict === 'unauthenticated') w.resolve({ ok: false, refusal: CLOSE.unauthenticated });
				else if (verdict === 'forbidden') w.resolve({ ok: false, refusal: CLOSE.forbidden });
				else
					w.resolve({
						ok: true,
						docName: w.docName,
						roundId: w.roundId,
						userId: userOf.get(w.sessionId)!,
						sessionId: w.sessionId,
						access: verdict
					});
			}
		} catch (e) {
			for (const w of batch) w.reject(e);
		}
	}
}
