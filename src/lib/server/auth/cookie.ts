import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

/** HttpOnly, SameSite=Lax, and Secure whenever the request came over HTTPS. */
export function writeSessionCookie(cookies: Cookies, url: URL, token: string | null, expiresAt?: Date) {
	const secure = url.protocol === 'https:';
	if (token === null) {
		cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
		return;
	}
	cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: expiresAt });
}
