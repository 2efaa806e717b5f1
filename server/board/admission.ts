// Who may open which board socket. The upgrade request carries the session cookie like any
// page request; the board of round R is open to whoever `boardAccessForRound` lets see it.
import type { IncomingMessage } from 'node:http';
import { roundIdFromDocName } from '../../src/lib/features/board/schemas';
import { boardAccessForRound } from '../../src/lib/server/auth/authorize';
import { tokenFromCookieHeader, validateSessionToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
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
	serverError: { code: 1011, reason: 'server error' },
	notSaved: { code: 1011, reason: 'could not save, reconnect' },
	shuttingDown: { code: 1001, reason: 'server shutting down' }
} as const;

export type Refusal = (typeof CLOSE)[keyof typeof CLOSE];

export type Admission =
	| { ok: true; docName: string; roundId: string; userId: string; sessionId: string; access: Access }
	| { ok: false; refusal: Refusal };

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

export async function admit(
	db: Db,
	req: IncomingMessage,
	allowedOrigins: readonly string[]
): Promise<Admission> {
	if (!originAllowed(req, allowedOrigins)) return { ok: false, refusal: CLOSE.forbidden };
	const board = boardOf(req.url);
	if (!board) return { ok: false, refusal: CLOSE.unknownBoard };
	const token = tokenFromCookieHeader(req.headers.cookie);
	const session = token ? await validateSessionToken(db, token) : null;
	if (!session) return { ok: false, refusal: CLOSE.unauthenticated };
	// A missing round and one outside the user's subtree are refused alike, as in the API,
	// so a socket cannot probe which rounds exist.
	const access = await boardAccessForRound(db, session.user.id, board.roundId);
	if (!access) return { ok: false, refusal: CLOSE.forbidden };
	return { ok: true, docName: board.docName, roundId: board.roundId, userId: session.user.id, sessionId: session.session.id, access };
}
