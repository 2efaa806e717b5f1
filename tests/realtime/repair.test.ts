// An admin's repair of a board: the stored log's largest updates are listed, and rolling back
// to just before one deletes it and every later one. Open sockets are closed with 4409; the
// next connection loads the board as rolled back. Audited; nobody but an admin may do it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server/index';
import { main } from '../../server/board/repair-cli';
import { boardGeneration } from '../../src/lib/features/board/generation';
import { callerAs } from '../helpers/api';
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

describe('board repair', () => {
	let f: BoardFixture;
	let running: RunningServer;
	let wsBase: string;
	const clients: Client[] = [];

	beforeAll(async () => {
		f = await createBoardFixture();
		running = await startServer({
			port: 0,
			host: '127.0.0.1',
			db: f.t.db,
			serveApp: false,
			board: { provider: f.t.target.provider, log: { info: () => undefined, warn: () => undefined, error: console.error } }
		});
		wsBase = `ws://127.0.0.1:${running.port}/yjs`;
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await running?.close();
		await f?.t.cleanup();
	});

	const stored = () => f.t.db.boardUpdate.count({ where: { docName: f.docName } });

	it('lists the largest updates and rolls the board back to before one of them, resetting open sockets', async () => {
		const editor = await connectSynced(wsBase, f.docName, f.cookies.coordA);
		clients.push(editor);
		const placements = editor.doc.getMap('placements');
		placements.set('kept', 1);
		await expect.poll(stored).toBe(1);
		placements.set('spoiler', 'x'.repeat(200_000));
		await expect.poll(stored).toBe(2);
		placements.set('later', 2);
		await expect.poll(stored).toBe(3);

		const admin = await callerAs(f.t.db, 'admin');
		const { log } = await admin.board.repairLog({ roundId: f.tree.roundId });
		expect(log.rows).toBe(3);
		const [largest] = log.largest;
		expect(largest.bytes).toBeGreaterThan(200_000);

		// Not for coordinators, even of the round's own district.
		for (const name of ['coordA', 'leader']) {
			const api = await callerAs(f.t.db, name);
			await expect(api.board.repairLog({ roundId: f.tree.roundId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(api.board.rollBack({ roundId: f.tree.roundId, fromSeq: largest.seq })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}

		const watcher = rawSocket(wsBase, f.docName, { cookie: f.cookies.cityCoord });
		await watcher.opened;
		const closedWith: { code: number; reason: string }[] = [];
		editor.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event) closedWith.push({ code: event.code, reason: event.reason });
		});
		expect(await admin.board.rollBack({ roundId: f.tree.roundId, fromSeq: largest.seq })).toMatchObject({ removed: 2 });
		expect(await watcher.closed).toEqual({ code: 4409, reason: 'board rolled back' });
		await waitFor(() => closedWith.length > 0, 'the editor to be closed');
		expect(closedWith[0]).toEqual({ code: 4409, reason: 'board rolled back' });
		// The browser stops here (4xxx) and drops its copy; this stock client would reconnect and resend it.
		editor.provider.shouldConnect = false;
		editor.provider.disconnect();

		const fresh = await connectSynced(wsBase, f.docName, f.cookies.cityCoord, { generation: '1' });
		clients.push(fresh);
		expect(fresh.doc.getMap('placements').toJSON()).toEqual({ kept: 1 });
		expect(await stored()).toBe(1);
		const audit = await f.t.db.auditLog.findFirstOrThrow({ where: { entity: 'board', action: 'rollback' } });
		expect([audit.actorId, audit.entityId, JSON.parse(audit.after!)]).toEqual([
			f.tree.users.admin,
			f.tree.roundId,
			expect.objectContaining({ fromSeq: largest.seq, removedUpdates: 2, via: 'page' })
		]);
	});

	it('does the same from the command line, for an admin, once told no app would keep the old copy', async () => {
		await f.t.db.boardUpdate.createMany({
			data: [1, 2].map((i) => ({ docName: f.docName, update: new Uint8Array(Buffer.alloc(10 + i)) }))
		});
		const rows = await f.t.db.boardUpdate.findMany({ where: { docName: f.docName }, orderBy: { seq: 'asc' } });
		const out: string[] = [];
		const err: string[] = [];
		const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
		const run = (...args: string[]) => main(args, f.t.db, io, {});

		expect(await run('list', f.tree.roundId)).toBe(0);
		expect(out[0]).toContain('3 stored updates');
		expect(out.slice(3).map((l) => Number(l.split('|')[1]))).toEqual(expect.arrayContaining(rows.map((r) => r.seq)));
		const from = String(rows[1].seq);
		expect(await run('rollback', f.tree.roundId, from, '--by', 'admin')).toBe(2);
		expect(err.join('\n')).toContain('--app-stopped');
		expect(await run('rollback', f.tree.roundId, from, '--by', 'coordA', '--app-stopped')).toBe(2);
		expect(await stored()).toBe(3);
		expect(await run('rollback', f.tree.roundId, from, '--by', 'admin', '--app-stopped')).toBe(0);
		expect(await stored()).toBe(1);
		expect(await f.t.db.auditLog.count({ where: { entity: 'board', action: 'rollback', after: { contains: '"via":"command"' } } })).toBe(1);
	});

	it('refuses a client whose copy predates a rollback before taking anything from it, and serves one at the new generation', async () => {
		const admin = await callerAs(f.t.db, 'admin');
		const generation = String(await boardGeneration(f.t.db, f.tree.roundId));
		const x = await connectSynced(wsBase, f.docName, f.cookies.coordA, { generation });
		clients.push(x);
		const placements = x.doc.getMap('placements');
		const before = await stored();
		placements.set('undone', 1);
		await expect.poll(stored).toBe(before + 1);
		const undoneSeq = (await f.t.db.boardUpdate.findFirstOrThrow({ where: { docName: f.docName }, orderBy: { seq: 'desc' } })).seq;

		// X goes offline, keeps editing, and misses the rollback of its saved edit.
		x.provider.disconnect();
		await waitFor(() => !x.provider.wsconnected, 'X to go offline');
		placements.set('offline', 2);
		expect(await admin.board.rollBack({ roundId: f.tree.roundId, fromSeq: undoneSeq })).toMatchObject({ removed: 1 });

		const closedWith: { code: number; reason: string }[] = [];
		x.provider.on('connection-close', (event: CloseEvent | null) => {
			if (event) closedWith.push({ code: event.code, reason: event.reason });
		});
		x.provider.connect();
		await waitFor(() => closedWith.length > 0, 'X to be refused');
		x.provider.shouldConnect = false;
		x.provider.disconnect();
		expect(closedWith[0]).toEqual({ code: 4410, reason: 'board rolled back since this copy was loaded' });
		expect(await stored()).toBe(before);

		const next = String(Number(generation) + 1);
		const fresh = await connectSynced(wsBase, f.docName, f.cookies.cityCoord, { generation: next });
		clients.push(fresh);
		expect(fresh.doc.getMap('placements').get('undone')).toBeUndefined();
		expect(fresh.doc.getMap('placements').get('offline')).toBeUndefined();
		fresh.doc.getMap('placements').set('after', 3);
		await expect.poll(stored).toBe(before + 1);
		// A client that names no generation counts as 0, which this board is past.
		const unnamed = rawSocket(wsBase, f.docName, { cookie: f.cookies.coordA });
		expect((await unnamed.closed).code).toBe(4410);
	});

	it.skipIf(!process.env.REDIS_URL)(
		'resets the board on another instance through Redis when rolled back from the command line',
		async () => {
			const redisUrl = process.env.REDIS_URL!;
			const other = await startServerProcess(f.t.target.url, { REDIS_URL: redisUrl });
			try {
				const generation = await boardGeneration(f.t.db, f.tree.roundId);
				const raw = rawSocket(other.wsBase, `${f.docName}?generation=${generation}`, { cookie: f.cookies.coordA });
				const first = new Promise((resolve) => raw.ws.once('message', resolve));
				await raw.opened;
				await first;
				await f.t.db.boardUpdate.create({ data: { docName: f.docName, update: new Uint8Array(Buffer.alloc(8)) } });
				const last = await f.t.db.boardUpdate.findFirstOrThrow({ where: { docName: f.docName }, orderBy: { seq: 'desc' } });
				const io = { out: () => undefined, err: (l: string) => console.error(l) };
				expect(await main(['rollback', f.tree.roundId, String(last.seq), '--by', 'admin'], f.t.db, io, { redisUrl })).toBe(0);
				expect(await raw.closed).toEqual({ code: 4409, reason: 'board rolled back' });
			} finally {
				await killAll();
			}
		}
	);
});
