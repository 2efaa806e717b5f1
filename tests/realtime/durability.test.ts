// What the board keeps: every edit another client saw survives kill -9, and compaction
// shrinks the log without changing the document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadBoardDoc } from '../../src/lib/features/board/load-doc';
import { startServer, type RunningServer } from '../../server/index';
import { createBoardStore } from '../../server/board/persistence';
import { connectSynced, startServerProcess, waitFor, useBoard } from './harness';

/** Same content, same state vector, same deletions. */
function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
	expect(actual.getMap('placements').toJSON()).toEqual(expected.getMap('placements').toJSON());
	expect(actual.getText('note').toString()).toEqual(expected.getText('note').toString());
	expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true);
}

describe('board durability', () => {
	const board = useBoard({ startServer: false });

	it('keeps every edit another client saw when the server is killed with SIGKILL', async () => {
		const first = await startServerProcess(board.f.t.target.url);
		const a = await connectSynced(first.wsBase, board.f.docName, board.f.cookies.cityCoord);
		const b = await connectSynced(first.wsBase, board.f.docName, board.f.cookies.coordA);
		board.clients.push(a, b);

		// A keeps editing while the server dies, so group commits are in flight at the kill.
		let editing = true;
		const edits = (async () => {
			for (let i = 0; editing && i < 2000; i++) {
				a.doc.transact(() => {
					a.doc.getMap('placements').set(`k${i}`, i);
					a.doc.getText('note').insert(0, `${i % 10}`);
					if (i % 3 === 0) a.doc.getText('note').delete(1, 1);
				});
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		await waitFor(() => b.doc.getMap('placements').has('k150'), 'B to see 150 edits');
		await first.kill();
		editing = false;
		await edits;
		const seen = new Y.Doc();
		Y.applyUpdate(seen, Y.encodeStateAsUpdate(b.doc));
		a.destroy();
		b.destroy();

		const second = await startServerProcess(board.f.t.target.url);
		const c = await connectSynced(second.wsBase, board.f.docName, board.f.cookies.coordA);
		board.clients.push(c);
		const after = c.doc.getMap('placements');
		const lost = [...seen.getMap('placements').keys()].filter((k) => !after.has(k));
		expect(lost).toEqual([]);
		// Nothing B saw is missing from what the restarted server serves.
		expect(Y.snapshotContainsUpdate(Y.snapshot(c.doc), Y.encodeStateAsUpdate(seen))).toBe(true);
		await second.stop();
	});

	describe('compaction', () => {
		let running: RunningServer;
		beforeAll(async () => {
			running = await startServer({
				port: 0,
				host: '127.0.0.1',
				db: board.f.t.db,
				serveApp: false,
				board: {
					provider: board.f.t.target.provider,
					compactAfterRows: 20,
					rollbackWindow: { ms: 0, rows: 0 },
					unloadAfterMs: 100,
					log: { info: () => undefined, warn: () => undefined, error: console.error }
				}
			});
		});

		afterAll(async () => {
			await running?.close();
		});

		it('keeps the document identical and shrinks the log', async () => {
			// The same board as above: its log starts with what the kill test left.
			const name = board.f.docName;
			const wsBase = `ws://127.0.0.1:${running.port}/yjs`;
			const a = await connectSynced(wsBase, name, board.f.cookies.cityCoord);
			const b = await connectSynced(wsBase, name, board.f.cookies.coordA);
			board.clients.push(a, b);
			const before = await board.f.t.db.boardUpdate.count({ where: { docName: name } });
			for (let i = 0; i < 120; i++) {
				a.doc.transact(() => {
					a.doc.getMap('placements').set(`c${i}`, { n: i });
					if (i % 4 === 0) a.doc.getMap('placements').delete(`c${i - 1}`);
					a.doc.getText('note').insert(0, 'x');
					if (i % 2 === 0) a.doc.getText('note').delete(0, 1);
				});
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
			await waitFor(() => b.doc.getMap('placements').has('c119'), 'B to see every edit');
			const rows = await board.f.t.db.boardUpdate.count({ where: { docName: name } });
			expect(rows).toBeLessThan(before + 120);
			expectSameDocument(await loadBoardDoc(board.f.t.db, name), a.doc);

			// Once nobody is on the board it is unloaded, and the log folded into one row.
			a.destroy();
			b.destroy();
			await expect.poll(() => board.f.t.db.boardUpdate.count({ where: { docName: name } }), { timeout: 5000 }).toBe(1);
			const c = await connectSynced(wsBase, name, board.f.cookies.coordA);
			board.clients.push(c);
			expectSameDocument(c.doc, a.doc);
			expectSameDocument(await loadBoardDoc(board.f.t.db, name), a.doc);
		});

		it('folds rows read straight from the database into one equal update', async () => {
			const name = 'round-compaction-unit';
			const doc = new Y.Doc();
			const updates: Uint8Array[] = [];
			doc.on('update', (u: Uint8Array) => updates.push(u));
			for (let i = 0; i < 50; i++) {
				doc.getArray('list').insert(0, [i]);
				if (i % 5 === 4) doc.getArray('list').delete(1, 1);
			}
			for (const update of updates) {
				await board.f.t.db.boardUpdate.create({ data: { docName: name, update: new Uint8Array(update) } });
			}
			const store = createBoardStore(board.f.t.db, board.f.t.target.provider);
			expect(await store.compact(name, { ms: 0, rows: 0 })).toBe(updates.length - 1);
			expect(await board.f.t.db.boardUpdate.count({ where: { docName: name } })).toBe(1);
			const loaded = await loadBoardDoc(board.f.t.db, name);
			expect(loaded.getArray('list').toJSON()).toEqual(doc.getArray('list').toJSON());
			expect(Y.equalSnapshots(Y.snapshot(loaded), Y.snapshot(doc))).toBe(true);
			expect(await store.compact(name, { ms: 0, rows: 0 })).toBe(0);
		});
	});
});
