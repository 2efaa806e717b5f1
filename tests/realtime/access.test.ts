// Access on open board sockets: admission checks it at upgrade; afterwards a periodic
// re-check, and an immediate one when the app ends a session or switches off a membership
// or an organisation, close sockets that lost access (4401/4403) and keep editors who can
// still read as readers. The immediate check reaches the other instances through Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../server/board/log';
import { startServer } from '../../server/index';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	SESSION_COOKIE,
	sessionIdFromToken
} from '../../src/lib/server/auth/session';
import { createCallerFactory } from '../../src/lib/server/trpc/init';
import { appRouter } from '../../src/lib/server/trpc/router';
import {
	connectSynced,
	createBoardFixture,
	killAll,
	rawSocket,
	startServerProcess,
	waitFor,
	type BoardFixture,
	type Client
} from './harness';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: console.error };

async function boardServer(f: BoardFixture, recheckAccessEveryMs: number, extra: { redisUrl?: string; log?: Logger } = {}) {
	const running = await startServer({
		port: 0,
		host: '127.0.0.1',
		db: f.t.db,
		serveApp: false,
		board: { provider: f.t.target.provider, recheckAccessEveryMs, log: extra.log ?? quiet, redisUrl: extra.redisUrl }
	});
	return { running, wsBase: `ws://127.0.0.1:${running.port}/yjs` };
}

/** A fresh session for a fixture user, so ending it leaves the fixture's own cookies alone. */
async function signIn(f: BoardFixture, username: string): Promise<{ cookie: string; sessionId: string }> {
	const token = generateSessionToken();
	await createSession(f.t.db, token, f.tree.users[username]);
	return { cookie: `${SESSION_COOKIE}=${token}`, sessionId: sessionIdFromToken(token) };
}

/** A raw socket the server admitted (its first frame, sync step 1, has arrived). */
async function admitted(wsBase: string, f: BoardFixture, cookie: string) {
	const raw = rawSocket(wsBase, f.docName, { cookie });
	// Listening from the start: an in-process server may answer within the same read as the upgrade.
	const first = new Promise((resolve) => raw.ws.once('message', resolve));
	await raw.opened;
	await first;
	return raw;
}

describe('periodic access re-check', () => {
	let f: BoardFixture;
	let server: Awaited<ReturnType<typeof boardServer>>;
	const infos: string[] = [];
	const clients: Client[] = [];

	beforeAll(async () => {
		f = await createBoardFixture();
		server = await boardServer(f, 100, { log: { ...quiet, info: (message: string) => void infos.push(message) } });
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server?.running.close();
		await f?.t.cleanup();
	});

	it('closes the socket of a coordinator whose membership was switched off with 4403', async () => {
		const { cookie } = await signIn(f, 'coordA');
		const raw = await admitted(server.wsBase, f, cookie);
		await f.t.db.membership.updateMany({ where: { userId: f.tree.users.coordA }, data: { active: false } });
		try {
			expect(await raw.closed).toEqual({ code: 4403, reason: 'forbidden' });
		} finally {
			await f.t.db.membership.updateMany({ where: { userId: f.tree.users.coordA }, data: { active: true } });
		}
	});

	it('closes sockets of a switched-off user and of an expired session with 4401', async () => {
		const user = await signIn(f, 'cityCoord');
		const userSocket = await admitted(server.wsBase, f, user.cookie);
		await f.t.db.user.update({ where: { id: f.tree.users.cityCoord }, data: { active: false } });
		try {
			expect(await userSocket.closed).toEqual({ code: 4401, reason: 'unauthenticated' });
		} finally {
			await f.t.db.user.update({ where: { id: f.tree.users.cityCoord }, data: { active: true } });
		}

		const session = await signIn(f, 'leader');
		const sessionSocket = await admitted(server.wsBase, f, session.cookie);
		await f.t.db.authSession.update({ where: { id: session.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
		expect(await sessionSocket.closed).toEqual({ code: 4401, reason: 'unauthenticated' });
	});

	it('keeps an editor who can still read connected, as a reader whose edits are dropped', async () => {
		// coordA also leads the city: without the coordinator role, the round stays readable.
		const leading = await f.t.db.membership.create({ data: { userId: f.tree.users.coordA, orgId: f.tree.city, role: 'leader' } });
		const other = await connectSynced(server.wsBase, f.docName, f.cookies.cityCoord);
		const both = await connectSynced(server.wsBase, f.docName, (await signIn(f, 'coordA')).cookie);
		clients.push(other, both);
		both.doc.getMap('placements').set('while-editor', true);
		await waitFor(() => other.doc.getMap('placements').has('while-editor'), 'the editor’s edit to arrive');

		await f.t.db.membership.updateMany({ where: { userId: f.tree.users.coordA, role: 'coordinator' }, data: { active: false } });
		try {
			await waitFor(() => infos.some((m) => m.includes(f.tree.users.coordA) && m.includes('may only read')), 'the downgrade');
			both.doc.getMap('placements').set('while-reader', true);
			// Frames of one socket are handled in order: once the presence behind the edit
			// arrived, the edit was handled (and dropped) too.
			both.provider.awareness.setLocalState({ user: { name: 'coordA' } });
			await waitFor(
				() => [...other.provider.awareness.getStates().values()].some((s) => s.user?.name === 'coordA'),
				'the reader’s presence'
			);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(other.doc.getMap('placements').has('while-reader')).toBe(false);

			other.doc.getMap('placements').set('for-the-reader', true);
			await waitFor(() => both.doc.getMap('placements').has('for-the-reader'), 'the reader to keep following');
			expect(both.provider.wsconnected).toBe(true);
		} finally {
			await f.t.db.membership.updateMany({ where: { userId: f.tree.users.coordA, role: 'coordinator' }, data: { active: true } });
			await f.t.db.membership.delete({ where: { id: leading.id } });
		}
	});
});

describe('immediate access re-check', () => {
	let f: BoardFixture;
	let server: Awaited<ReturnType<typeof boardServer>>;
	const createCaller = createCallerFactory(appRouter);

	/** The API as a signed-in browser of `username` with session `sessionId` calls it. */
	async function api(username: string, sessionId: string | null = null) {
		const u = await f.t.db.user.findUniqueOrThrow({ where: { username } });
		return createCaller({
			db: f.t.db,
			locale: 'zh',
			user: { id: u.id, username, displayName: u.displayName, locale: 'zh' },
			sessionId,
			ip: '127.0.0.1'
		});
	}

	beforeAll(async () => {
		f = await createBoardFixture();
		// No periodic check during the test: whatever closes a socket here is the immediate one.
		server = await boardServer(f, 60 * 60_000);
	});

	afterAll(async () => {
		await server?.running.close();
		await f?.t.cleanup();
	});

	it('closes the sockets of a session that signs out, and only those', async () => {
		const leaving = await signIn(f, 'coordA');
		const staying = await signIn(f, 'coordA');
		const gone = await admitted(server.wsBase, f, leaving.cookie);
		const kept = await admitted(server.wsBase, f, staying.cookie);
		await (await api('coordA', leaving.sessionId)).auth.logout();
		expect(await gone.closed).toEqual({ code: 4401, reason: 'unauthenticated' });
		expect(kept.ws.readyState).toBe(kept.ws.OPEN);
		kept.ws.close();
	});

	it('closes the sockets of a member an admin switched off', async () => {
		const raw = await admitted(server.wsBase, f, f.cookies.coordA);
		const admin = await api('admin');
		const membership = await f.t.db.membership.findFirstOrThrow({ where: { userId: f.tree.users.coordA, role: 'coordinator' } });
		await admin.orgs.deactivateMember({ orgId: f.tree.districtA, membershipId: membership.id });
		expect(await raw.closed).toEqual({ code: 4403, reason: 'forbidden' });
		await admin.orgs.reactivateMember({ orgId: f.tree.districtA, membershipId: membership.id });
	});

	it('closes the sockets of coordinators whose organisation was switched off, not of those above it', async () => {
		const district = await admitted(server.wsBase, f, f.cookies.coordA);
		const city = await admitted(server.wsBase, f, f.cookies.cityCoord);
		await (await api('admin')).orgs.deactivate({ orgId: f.tree.districtA });
		expect(await district.closed).toEqual({ code: 4403, reason: 'forbidden' });
		expect(city.ws.readyState).toBe(city.ws.OPEN);
		city.ws.close();
	});
});

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('access re-check across instances', () => {
	let f: BoardFixture;
	let here: Awaited<ReturnType<typeof boardServer>>;

	beforeAll(async () => {
		f = await createBoardFixture();
		here = await boardServer(f, 60 * 60_000, { redisUrl });
	});

	afterAll(async () => {
		await here?.running.close();
		await killAll();
		await f?.t.cleanup();
	});

	it('a session ended on one instance loses its sockets on the other', async () => {
		// The other instance re-checks by itself only every 20 s, later than waitFor gives up.
		const there = await startServerProcess(f.t.target.url, { REDIS_URL: redisUrl ?? '' });
		const session = await signIn(f, 'coordA');
		const raw = await admitted(there.wsBase, f, session.cookie);
		// What logout does on this instance.
		await invalidateSession(f.t.db, session.sessionId);
		const closed = await Promise.race([raw.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 10_000))]);
		expect(closed).toEqual({ code: 4401, reason: 'unauthenticated' });
	});
});
