import { describe, expect, it } from 'vitest';
import { formatInviteCode, generateInviteCode, hashInviteCode, normalizeInviteCode } from './invite-code';

describe('invitation codes', () => {
	it('are 12 random digits', () => {
		const codes = new Set(Array.from({ length: 200 }, generateInviteCode));
		expect(codes.size).toBe(200);
		for (const code of codes) expect(code).toMatch(/^\d{12}$/);
	});

	it('read aloud in groups of four and forgive spaces, dashes and full-width digits', () => {
		expect(formatInviteCode('482177301956')).toBe('4821 7730 1956');
		expect(normalizeInviteCode(' 4821-7730 １９５６ ')).toBe('482177301956');
		expect(hashInviteCode('4821 7730 1956')).toBe(hashInviteCode('482177301956'));
		expect(hashInviteCode('482177301956')).not.toContain('4821');
	});
});
