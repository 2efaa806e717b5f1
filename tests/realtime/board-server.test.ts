// The board websocket server as the browser sees it: sync between coordinators, refusals,
// read-only leaders, and malformed frames, against the real server process.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connect, connectSynced, rawSocket, waitFor, type Client, useBoard } from './harness';

describe('board websocket server', () => {
	const board = useBoard();

	async function open(username: string): Promise<Client> {
		const client = await connectSynced(board.server.wsBase, board.f.docName, board.f.cookies[username]);
		board.clients.push(client);
		return client;
	}

	it('syncs two coordinators through the server', async () => {
		const a = await open('cityCoord');
		const b = await open('coordA');
		a.doc.getMap('placements').set('d1:v1', { by: 'cityCoord' });
		await waitFor(() => b.doc.getMap('placements').has('d1:v1'), 'B to see A’s placement');
		b.doc.getText('note').insert(0, 'hello');
		await waitFor(() => a.doc.getText('note').toString() === 'hello', 'A to see B’s note');
		expect(b.doc.getMap('placements').get('d1:v1')).toEqual({ by: 'cityCoord' });
	});

	it('refuses a connection without a valid session with 4401', async () => {
		for (const headers of [{}, { cookie: 'sb_session=not-a-real-token' }] as Record<string, string>[]) {
			const { closed } = rawSocket(board.server.wsBase, board.f.docName, headers);
			expect(await closed).toEqual({ code: 4401, reason: 'unauthenticated' });
		}
	});

	it('refuses users without a role on the round’s subtree with 4403', async () => {
		// coordB coordinates the other district; nobody holds no role at all.
		for (const username of ['coordB', 'nobody']) {
			const { closed } = rawSocket(board.server.wsBase, board.f.docName, { cookie: board.f.cookies[username] });
			expect(await closed).toEqual({ code: 4403, reason: 'forbidden' });
		}
	});

	it('refuses a missing round like a forbidden one, and non-board names with 4404', async () => {
		const missing = rawSocket(board.server.wsBase, 'round-doesnotexist', { cookie: board.f.cookies.admin });
		expect(await missing.closed).toEqual({ code: 4403, reason: 'forbidden' });
		const notBoard = rawSocket(board.server.wsBase, 'settings', { cookie: board.f.cookies.admin });
		expect(await notBoard.closed).toEqual({ code: 4404, reason: 'unknown board' });
	});

	it('refuses a page from another site riding the cookie (cross-site websocket hijacking)', async () => {
		const { closed } = rawSocket(board.server.wsBase, board.f.docName, { cookie: board.f.cookies.admin, origin: 'https://evil.example' });
		expect(await closed).toEqual({ code: 4403, reason: 'forbidden' });
		const sameSite = rawSocket(board.server.wsBase, board.f.docName, {
			cookie: board.f.cookies.admin,
			origin: board.server.wsBase.replace('ws://', 'http://').replace('/yjs', '')
		});
		await sameSite.opened;
		sameSite.ws.close();
	});

	it('the stock client stops retrying after a refusal and reports it', async () => {
		const refused = connect(board.server.wsBase, board.f.docName, board.f.cookies.coordB);
		board.clients.push(refused);
		const event = await new Promise<{ code: number; reason: string }>((resolve) => refused.provider.on('closed', (e) => resolve(e)));
		expect(event).toEqual({ code: 4403, reason: 'forbidden' });
		expect(refused.provider.shouldConnect).toBe(false);
	});

	it('a leader follows the board and shows presence, but cannot change it', async () => {
		const a = await open('cityCoord');
		const leader = await open('leader');
		a.doc.getMap('placements').set('d2:v2', { by: 'cityCoord' });
		await waitFor(() => leader.doc.getMap('placements').has('d2:v2'), 'the leader to see edits');

		leader.doc.getMap('placements').set('d3:v3', { by: 'leader' });
		leader.doc.getMap('placements').delete('d2:v2');
		// Frames of one socket are handled in order: once the presence that follows the
		// edits has arrived, the edits were handled (and dropped) too.
		leader.provider.awareness.setLocalState({ user: { name: 'leader' } });
		await waitFor(
			() => [...a.provider.awareness.getStates().values()].some((s) => s.user?.name === 'leader'),
			'A to see the leader’s presence'
		);
		// Would an accepted edit have been broadcast after its group commit? Give it time.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(a.doc.getMap('placements').has('d3:v3')).toBe(false);
		expect(a.doc.getMap('placements').has('d2:v2')).toBe(true);

		const fresh = await open('coordA');
		expect(fresh.doc.getMap('placements').has('d3:v3')).toBe(false);
		expect(fresh.doc.getMap('placements').has('d2:v2')).toBe(true);
		expect(leader.provider.wsconnected).toBe(true);
	});

	it('a malformed frame closes only its own connection', async () => {
		const a = await open('cityCoord');
		const b = await open('coordA');
		const frames: [string, Uint8Array | string, number][] = [
			['unknown message type', Uint8Array.of(7, 1, 2), 4400],
			['truncated varint', Uint8Array.of(0x80), 4400],
			['unknown sync step', Uint8Array.of(0, 9, 0), 4400],
			['garbage update', Uint8Array.of(0, 2, 5, 250, 251, 252, 253, 254), 4400],
			['update longer than the frame', Uint8Array.of(0, 2, 100, 1, 2), 4400],
			['garbage awareness', Uint8Array.of(1, 4, 1, 1, 1, 0x7b), 4400],
			['text frame', 'hello', 1003]
		];
		for (const [what, frame, code] of frames) {
			const raw = rawSocket(board.server.wsBase, board.f.docName, { cookie: board.f.cookies.cityCoord });
			await raw.opened;
			// The first server frame (sync step 1) means the socket was admitted.
			await new Promise((resolve) => raw.ws.once('message', resolve));
			raw.ws.send(frame);
			expect((await raw.closed).code, what).toBe(code);
		}
		// An edit sent right behind a malformed frame is not acted on either.
		const sneaky = new Y.Doc();
		sneaky.getMap('placements').set('behind-garbage', true);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		encoding.writeVarUint(encoder, 2);
		encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(sneaky));
		const raw = rawSocket(board.server.wsBase, board.f.docName, { cookie: board.f.cookies.cityCoord });
		await raw.opened;
		await new Promise((resolve) => raw.ws.once('message', resolve));
		raw.ws.send(Uint8Array.of(7));
		raw.ws.send(encoding.toUint8Array(encoder));
		expect((await raw.closed).code).toBe(4400);

		a.doc.getMap('placements').set('after-garbage', true);
		await waitFor(() => b.doc.getMap('placements').get('after-garbage') === true, 'B to keep syncing');
		expect(b.doc.getMap('placements').has('behind-garbage')).toBe(false);
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
	});
});

describe('board limits and presence ownership', () => {
	const board = useBoard();

	async function open(username: string): Promise<Client> {
		const client = await connectSynced(board.server.wsBase, board.f.docName, board.f.cookies[username]);
		board.clients.push(client);
		return client;
	}

	/** A sync update frame carrying a text of `bytes` random characters (incompressible for Yjs). */
	function bigEdit(key: string, bytes: number): Uint8Array {
		const doc = new Y.Doc();
		let text = '';
		while (text.length < bytes) text += Math.random().toString(36).slice(2);
		doc.getMap('placements').set(key, text.slice(0, bytes));
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		encoding.writeVarUint(encoder, 2);
		encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
		return encoding.toUint8Array(encoder);
	}

	async function sendRaw(frame: Uint8Array): Promise<{ code: number; reason: string }> {
		const raw = rawSocket(board.server.wsBase, board.f.docName, { cookie: board.f.cookies.cityCoord });
		await raw.opened;
		await new Promise((resolve) => raw.ws.once('message', resolve));
		raw.ws.send(frame);
		return raw.closed;
	}

	const rows = () => board.f.t.db.boardUpdate.count({ where: { docName: board.f.docName } });

	it('refuses a 16 MB update before saving it, with a reason, and keeps serving the board', async () => {
		const a = await open('coordA');
		const before = await rows();
		expect(await sendRaw(bigEdit('huge', 16 * 1024 * 1024))).toEqual({ code: 4413, reason: 'update too large' });
		a.doc.getMap('placements').set('after-huge', true);
		const fresh = await open('admin');
		await waitFor(() => fresh.doc.getMap('placements').get('after-huge') === true, 'the board to keep working');
		expect(fresh.doc.getMap('placements').has('huge')).toBe(false);
		expect(await rows()).toBe(before + 1);
	});

	it('refuses an update that would make the document too large', async () => {
		const before = await rows();
		const first = rawSocket(board.server.wsBase, board.f.docName, { cookie: board.f.cookies.cityCoord });
		await first.opened;
		await new Promise((resolve) => first.ws.once('message', resolve));
		first.ws.send(bigEdit('seven-a', 7 * 1024 * 1024));
		await expect.poll(rows, { timeout: 10_000 }).toBe(before + 1);
		first.ws.close();
		expect(await sendRaw(bigEdit('seven-b', 7 * 1024 * 1024))).toEqual({ code: 4414, reason: 'board full' });
		const fresh = await open('admin');
		expect(fresh.doc.getMap('placements').has('seven-a')).toBe(true);
		expect(fresh.doc.getMap('placements').has('seven-b')).toBe(false);
	});

	it('ignores presence a socket sends for another user’s client id', async () => {
		const victim = await open('cityCoord');
		const attacker = await open('coordA');
		victim.provider.awareness.setLocalState({ user: { id: board.f.tree.users.cityCoord, name: 'victim' } });
		await waitFor(
			() => attacker.provider.awareness.getStates().get(victim.doc.clientID)?.user?.name === 'victim',
			'the attacker to see the victim'
		);
		// Removing the victim's presence, and overwriting it, both in the victim's name.
		awarenessProtocol.removeAwarenessStates(attacker.provider.awareness, [victim.doc.clientID], 'test');
		const forged = new awarenessProtocol.Awareness(new Y.Doc());
		forged.clientID = victim.doc.clientID;
		forged.setLocalState({ user: { name: 'forged' } });
		forged.meta.set(victim.doc.clientID, { clock: 1000, lastUpdated: Date.now() });
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(forged, [victim.doc.clientID]));
		attacker.provider.ws?.send(encoding.toUint8Array(encoder));
		// A later presence change of the attacker's own arrives: the forged frames before it were handled.
		attacker.provider.awareness.setLocalState({ user: { name: 'attacker' } });
		const observer = await open('admin');
		await waitFor(
			() => observer.provider.awareness.getStates().get(attacker.doc.clientID)?.user?.name === 'attacker',
			'the attacker’s own presence'
		);
		expect(observer.provider.awareness.getStates().get(victim.doc.clientID)?.user?.name).toBe('victim');
		forged.destroy();
	});
});
