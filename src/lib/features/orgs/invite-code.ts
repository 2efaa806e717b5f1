// One-time invitation codes: 12 digits, so a coordinator can read one over the phone to a
// veteran ("4821 7730 1956"). Only the SHA-256 is stored; guessing is throttled per IP.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

export const INVITE_CODE_DIGITS = 12;
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export function generateInviteCode(): string {
	let code = '';
	const bytes = new Uint8Array(1);
	while (code.length < INVITE_CODE_DIGITS) {
		crypto.getRandomValues(bytes);
		// Rejecting 250–255 keeps every digit equally likely.
		if (bytes[0] < 250) code += String(bytes[0] % 10);
	}
	return code;
}

/** What people type or paste: spaces, dashes and full-width digits are forgiven. */
export function normalizeInviteCode(input: string): string {
	return input.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[\s\-–—]/g, '');
}

/** Groups of four, easy to read aloud. */
export function formatInviteCode(code: string): string {
	return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function hashInviteCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(normalizeInviteCode(code))));
}
