// Session tokens in the Lucia style: the cookie holds a random token, the database only
// its SHA-256, so a leaked table cannot be replayed. Sessions slide: used in the second
// half of their life, they are extended.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db';
import { accessChanged } from './access-events';

export const SESSION_COOKIE = 'sb_session';
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export interface SessionUser {
	id: string;
	username: string;
	displayName: string;
	locale: string;
}

export interface ValidSession {
	session: { id: string; userId: string; expiresAt: Date };
	user: SessionUser;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: string, now = new Date()) {
	return db.authSession.create({
		data: {
			id: sessionIdFromToken(token),
			userId,
			expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS)
		}
	});
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
	const id = sessionIdFromToken(token);
	const row = await db.authSession.findUnique({
		where: { id },
		include: {
			user: { select: { id: true, username: true, displayName: true, locale: true, active: true } }
		}
	});
	if (!row) return null;
	if (row.expiresAt.getTime() <= now.getTime() || !row.user.active) {
		await db.authSession.deleteMany({ where: { id } });
		return null;
	}
	let expiresAt = row.expiresAt;
	if (expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
		expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
		await db.authSession.update({ where: { id }, data: { expiresAt } });
	}
	const { active: _active, ...user } = row.user;
	return { session: { id, userId: row.userId, expiresAt }, user };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.authSession.deleteMany({ where: { id: sessionId } });
	accessChanged({ sessionIds: [sessionId] });
}

/** Reads the session token out of a raw Cookie header (for the websocket upgrade). */
export function tokenFromCookieHeader(header: string | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
	}
	return null;
}
