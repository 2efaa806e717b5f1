import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './same-origin';

const url = new URL('https://silverbridge.example/api/trpc/auth.login');
const post = (headers: Record<string, string>) => new Request(url, { method: 'POST', headers });

describe('cross-site mutation guard', () => {
	it('accepts our own pages', () => {
		expect(isSameOrigin(post({ origin: 'https://silverbridge.example' }), url)).toBe(true);
		expect(isSameOrigin(post({ 'sec-fetch-site': 'same-origin' }), url)).toBe(true);
		// Server-side and command-line callers send neither header.
		expect(isSameOrigin(post({}), url)).toBe(true);
	});

	it('refuses other sites, including look-alike origins', () => {
		expect(isSameOrigin(post({ origin: 'https://evil.example' }), url)).toBe(false);
		expect(isSameOrigin(post({ origin: 'http://silverbridge.example' }), url)).toBe(false);
		expect(isSameOrigin(post({ origin: 'https://silverbridge.example.evil.example' }), url)).toBe(false);
		expect(isSameOrigin(post({ 'sec-fetch-site': 'cross-site' }), url)).toBe(false);
	});
});
