// What a browser receives when a call fails: a field error for bad input, and for anything
// unexpected a generic sentence with a reference, never a stack, a path or a database message.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import { buildTree } from '$tests/helpers/fixtures';
import type { Db } from '../db';
import type { Locale } from '../../validation/issues';
import { appRouter } from './router';

describe('errors sent to the client', () => {
	let t: TestDb;
	let user: { id: string; username: string; displayName: string; locale: Locale };
	beforeAll(async () => {
		t = await createTestDb('sqlite');
		await buildTree(t.db);
		const u = await t.db.user.findUniqueOrThrow({ where: { username: 'coordA' } });
		user = { id: u.id, username: u.username, displayName: u.displayName, locale: 'zh' };
	});
	afterAll(() => t.cleanup());

	async function get(path: string, input: unknown, db: Db, locale: Locale = 'zh') {
		const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
		const response = await fetchRequestHandler({
			endpoint: '/api/trpc',
			req: new Request(url),
			router: appRouter,
			createContext: () => ({ db, locale, user, sessionId: null, ip: '127.0.0.1' })
		});
		return { status: response.status, body: await response.text() };
	}

	it('refuses a lone surrogate in an id with a field error', async () => {
		const { status, body } = await get('demands.get', { id: '\ud800' }, t.db);
		expect(status).toBe(400);
		const error = JSON.parse(body).error.json;
		expect(error.data.fieldErrors).toEqual([{ path: 'id', message: expect.stringContaining('无法识别的字符') }]);
		expect(body).not.toMatch(/\/work\/|node_modules|\.ts:\d|stack/);
	});

	it('answers an unexpected failure with a reference and logs the whole error under it', async () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const broken = new Proxy({} as Db, {
			get: () => {
				throw new Error('SQLITE_CORRUPT at /srv/app/build/server/chunks/db.js:12');
			}
		});
		try {
			for (const locale of ['zh', 'en'] as const) {
				const { status, body } = await get('demands.list', {}, broken, locale);
				expect(status).toBe(500);
				expect(body).not.toMatch(/SQLITE|\/srv\/|chunks|\.js:\d|stack/);
				const error = JSON.parse(body).error.json;
				expect(error.data.correlationId).toMatch(/^[0-9a-f]{8}$/);
				expect(error.message).toContain(error.data.correlationId);
				expect(error.message).toMatch(locale === 'zh' ? /服务器出了点问题/ : /went wrong on our side/);
				expect(log).toHaveBeenCalledWith(
					expect.stringContaining(error.data.correlationId),
					expect.objectContaining({ message: expect.stringContaining('SQLITE_CORRUPT') })
				);
			}
		} finally {
			log.mockRestore();
		}
	});
});
