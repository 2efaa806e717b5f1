// Board server behaviour that needs knobs or faults a child process cannot be given:
// keepalive, the observer hooks, and a database that refuses writes for a while.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../server/index';
import { connectSynced, createBoardFixture, waitFor, type BoardFixture, type Client } from './harness';

describe('board server in process', () => {
	let f: BoardFixture;
	let running: RunningServer;
	let wsBase: string;
	const loaded: string[] = [];
	const updates: { docName: string; userId: string | null }[] = [];
	const clients: Client[] = [];

	beforeAll(async () => {
		f = await createBoardFixture();
		running = await startServer({
			port: 0,
			host: '127.0.0.1',
			db: f.t.db,
			serveApp: false,
			board: {
				provider: f.t.target.provider,
				pingEveryMs: 100,
				log: { info: () => undefined, warn: () => undefined, error: () => undefined },
				onDocLoaded: (docName) => loaded.push(docName),
				onUpdate: (docName, _update, origin) => updates.push({ docName, userId: origin?.userId ?? null })
			}
		});
		wsBase = `ws://127.0.0.1:${running.port}/yjs`;
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await running?.close();
		await f?.t.cleanup();
	});

	async function open(username: string): Promise<Client> {
		const client = await connectSynced(wsBase, f.docName, f.cookies[username]);
		clients.push(client);
		return client;
	}

	it('tells the hooks about loaded documents and durable edits with their author', async () => {
		const a = await open('cityCoord');
		a.doc.getMap('placements').set('hooked', true);
		await waitFor(() => updates.length > 0, 'onUpdate');
		expect(loaded).toEqual([f.docName]);
		expect(updates).toContainEqual({ docName: f.docName, userId: f.tree.users.cityCoord });
	});

	it('drops a connection that stops answering pings, and keeps live ones', async () => {
		const live = await open('coordA');
		const silent = new WebSocket(`${wsBase}/${f.docName}`, { headers: { cookie: f.cookies.coordA }, autoPong: false });
		const closedAt = new Promise<number>((resolve) => silent.once('close', () => resolve(Date.now())));
		const openedAt = await new Promise<number>((resolve) => silent.once('open', () => resolve(Date.now())));
		expect((await closedAt) - openedAt).toBeLessThan(1000);
		expect(live.provider.wsconnected).toBe(true);
	});

	it('an edit the database refused reaches nobody, and is saved once the sender resends it', async () => {
		const a = await open('cityCoord');
		const b = await open('coordA');
		const closes: { code: number; reason: string }[] = [];
		a.provider.on('connection-close', (event) => {
			if (event) closes.push({ code: event.code, reason: event.reason });
		});
		await f.t.db.$executeRawUnsafe('ALTER TABLE "BoardUpdate" RENAME TO "BoardUpdateAway"');
		try {
			a.doc.getMap('placements').set('while-down', 1);
			await waitFor(() => closes.length > 0, 'the sender to be disconnected');
			expect(closes[0]).toEqual({ code: 1011, reason: 'could not save, reconnect' });
			expect(b.doc.getMap('placements').has('while-down')).toBe(false);
		} finally {
			await f.t.db.$executeRawUnsafe('ALTER TABLE "BoardUpdateAway" RENAME TO "BoardUpdate"');
		}
		// The client reconnects by itself and its sync reply carries the edit again.
		await waitFor(() => b.doc.getMap('placements').get('while-down') === 1, 'B to get the resent edit');
		const fresh = await open('admin');
		expect(fresh.doc.getMap('placements').get('while-down')).toBe(1);
	});
});
