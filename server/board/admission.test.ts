// Admission of board sockets in batches: many upgrades at once cost the same few queries.
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { boardDocName } from '../../src/lib/features/board/schemas';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { buildTree, type Tree } from '../../tests/helpers/fixtures';
import { createTestDb, type TestDb } from '../../tests/helpers/test-db';
import { Admissions } from './admission';

describe('board admissions', () => {
	let t: TestDb;
	let tree: Tree;
	beforeAll(async () => {
		t = await createTestDb('sqlite');
		tree = await buildTree(t.db);
	});
	afterAll(() => t.cleanup());

	const request = (cookie: string, roundId = tree.roundId) =>
		({ url: `/yjs/${boardDocName(roundId)}`, headers: { cookie, host: 'localhost' } }) as unknown as IncomingMessage;

	it('admits 200 reconnecting sockets with one session query per batch, each with its own verdict', async () => {
		const cookies: string[] = [];
		for (let i = 0; i < 200; i++) {
			const token = generateSessionToken();
			await createSession(t.db, token, i % 2 ? tree.users.coordA : tree.users.leader);
			cookies.push(`${SESSION_COOKIE}=${token}`);
		}
		const admissions = new Admissions(t.db, []);
		const sessionQueries = vi.spyOn(t.db.authSession, 'findMany');
		const results = await Promise.all([
			...cookies.map((c) => admissions.admit(request(c))),
			admissions.admit(request(`${SESSION_COOKIE}=forged`))
		]);
		// One to learn whose sessions they are, one inside the shared access re-check.
		expect(sessionQueries).toHaveBeenCalledTimes(2);
		expect(results.slice(0, 200).map((r) => (r.ok ? r.access : r.refusal.reason))).toEqual(
			cookies.map((_, i) => (i % 2 ? 'edit' : 'read'))
		);
		expect(results[200]).toEqual({ ok: false, refusal: { code: 4401, reason: 'unauthenticated' } });
		sessionQueries.mockRestore();
	});
});
