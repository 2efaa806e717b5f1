// Compaction folds the rows older than the rollback window into one checkpoint row: the
// document stays the same, edits saved while a compaction merges are kept, a rollback that
// happens meanwhile is not undone by it, and the recent rows can still be rolled back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardStore, foldablePrefix, type BoardStore, type Merge } from '../../server/board/persistence';
import { mergeSliced } from '../../server/board/replay';
import { startServer } from '../../server/index';
import { loadBoardDoc } from '../../src/lib/features/board/load-doc';
import { boardGeneration } from '../../src/lib/features/board/generation';
import { rollBackBoard } from '../../src/lib/features/board/repair';
import { connectSynced, createBoardFixture, type BoardFixture, type Client } from './harness';

const DAY = 24 * 60 * 60_000;
const WEEK = { ms: 7 * DAY, rows: 1000 };

function expectSameDocument(actual: Y.Doc, expected: Y.Doc): void {
	expect(actual.getMap('placements').toJSON()).toEqual(expected.getMap('placements').toJSON());
	expect(Y.equalSnapshots(Y.snapshot(actual), Y.snapshot(expected))).toBe(true);
}

/** A board edited `count` times (each edit one update), and the updates. */
function editedBoard(count: number, doc = new Y.Doc()): { doc: Y.Doc; updates: Uint8Array[] } {
	const updates: Uint8Array[] = [];
	const record = (u: Uint8Array) => updates.push(u);
	doc.on('update', record);
	for (let i = 0; i < count; i++) {
		doc.transact(() => {
			doc.getMap('placements').set(`demand-${i % 7}`, { volunteerId: `v${i}`, seat: i % 3 });
			if (i % 5 === 4) doc.getMap('placements').delete(`demand-${(i + 3) % 7}`);
		});
	}
	doc.off('update', record);
	return { doc, updates };
}

/** A merge that waits until `release` is called, so a test can act while a compaction is under way. */
function heldMerge(): { merge: Merge; started: Promise<void>; release: () => void } {
	let release!: () => void;
	let started!: () => void;
	const gate = new Promise<void>((resolve) => (release = resolve));
	const begun = new Promise<void>((resolve) => (started = resolve));
	return {
		merge: async (updates) => {
			started();
			await gate;
			return mergeSliced(updates);
		},
		started: begun,
		release
	};
}

describe('foldablePrefix', () => {
	const now = new Date('2027-03-10T12:00:00Z');
	const rows = (...ages: number[]) => ages.map((days, i) => ({ seq: i + 1, at: new Date(now.getTime() - days * DAY) }));

	it('folds the rows older than the window and leaves the newer ones', () => {
		expect(foldablePrefix(rows(30, 20, 8, 6, 1, 0), WEEK, now)).toBe(3);
		expect(foldablePrefix(rows(6, 1, 0), WEEK, now)).toBe(0);
	});

	it('keeps at most the newest `rows` rows, however young', () => {
		expect(foldablePrefix(rows(3, 2, 2, 1, 1, 0), { ms: WEEK.ms, rows: 2 }, now)).toBe(4);
	});

	it('never folds a single row into itself', () => {
		expect(foldablePrefix(rows(30, 0), WEEK, now)).toBe(0);
	});
});

describe('board compaction', () => {
	let f: BoardFixture;
	let store: BoardStore;
	const stored = (docName: string) => f.t.db.boardUpdate.findMany({ where: { docName }, orderBy: { seq: 'asc' } });
	const save = async (docName: string, updates: readonly Uint8Array[], at: Date) => {
		for (const update of updates) await f.t.db.boardUpdate.create({ data: { docName, update: new Uint8Array(update), at } });
	};

	beforeAll(async () => {
		f = await createBoardFixture();
		store = createBoardStore(f.t.db, f.t.target.provider);
	});

	afterAll(async () => {
		store?.close();
		await f?.t.cleanup();
	});

	it('folds only the rows older than the rollback window, into the newest of them, keeping the document', async () => {
		const name = 'round-compaction-window';
		const { doc, updates } = editedBoard(15);
		await save(name, updates.slice(0, 10), new Date(Date.now() - 8 * DAY));
		await save(name, updates.slice(10), new Date());
		const before = await stored(name);

		expect(await store.compact(name, WEEK)).toBe(updates.slice(0, 10).length - 1);
		const after = await stored(name);
		// The checkpoint has the seq of the last row it covers; the recent rows are untouched.
		expect(after.map((r) => r.seq)).toEqual(before.slice(9).map((r) => r.seq));
		expect(after.slice(1).map((r) => Buffer.from(r.update))).toEqual(before.slice(10).map((r) => Buffer.from(r.update)));
		expectSameDocument(await loadBoardDoc(f.t.db, name), doc);
		expect(await store.compact(name, WEEK)).toBe(0);
	});

	it('keeps the edits saved while a compaction merges', async () => {
		const name = 'round-compaction-concurrent';
		const { doc, updates } = editedBoard(30);
		await save(name, updates.slice(0, 20), new Date(Date.now() - 8 * DAY));
		const held = heldMerge();
		const compacting = createBoardStore(f.t.db, f.t.target.provider, held.merge);
		try {
			const done = compacting.compact(name, WEEK);
			await held.started;
			await store.append(updates.slice(20).map((update) => ({ docName: name, update })));
			held.release();
			expect(await done).toBe(19);
		} finally {
			compacting.close();
		}
		expect(await stored(name)).toHaveLength(11);
		expectSameDocument(await loadBoardDoc(f.t.db, name), doc);
	});

	it('folds nothing when the board was rolled back while it merged, so the undone edits stay undone', async () => {
		const { updates } = editedBoard(12);
		await save(f.docName, updates, new Date(Date.now() - 8 * DAY));
		const rows = await stored(f.docName);
		const held = heldMerge();
		const compacting = createBoardStore(f.t.db, f.t.target.provider, held.merge);
		try {
			const done = compacting.compact(f.docName, WEEK);
			await held.started;
			const fromSeq = rows[8].seq;
			const target = { roundId: f.tree.roundId, orgId: f.tree.districtA, fromSeq, actorId: f.tree.users.admin, via: 'command' as const };
			expect(await rollBackBoard(f.t.db, target)).toMatchObject({ removed: 4 });
			held.release();
			expect(await done).toBe(0);
		} finally {
			compacting.close();
		}
		expect((await stored(f.docName)).map((r) => r.seq)).toEqual(rows.slice(0, 8).map((r) => r.seq));
		expectSameDocument(await loadBoardDoc(f.t.db, f.docName), replayed(updates.slice(0, 8)));
		await f.t.db.boardUpdate.deleteMany({ where: { docName: f.docName } });
	});

	it('still rolls back a recent update after older ones were folded, and refuses a folded one', async () => {
		const { updates } = editedBoard(10);
		await save(f.docName, updates, new Date());
		const rows = await stored(f.docName);
		expect(await store.compact(f.docName, { ms: WEEK.ms, rows: 3 })).toBe(6);
		const target = (fromSeq: number) => ({
			roundId: f.tree.roundId,
			orgId: f.tree.districtA,
			fromSeq,
			actorId: f.tree.users.admin,
			via: 'page' as const
		});

		expect(await rollBackBoard(f.t.db, target(rows[8].seq))).toMatchObject({ removed: 2 });
		expectSameDocument(await loadBoardDoc(f.t.db, f.docName), replayed(updates.slice(0, 8)));
		// rows[3] lives on only inside the checkpoint (rows[6]); deleting from there would take
		// every older edit along.
		await expect(rollBackBoard(f.t.db, target(rows[3].seq))).rejects.toMatchObject({ code: 'CONFLICT' });
		expect(await stored(f.docName)).toHaveLength(2);
		await f.t.db.boardUpdate.deleteMany({ where: { docName: f.docName } });
	});

	it('folds what left the window when a board loads, and serves the same document', async () => {
		const { doc, updates } = editedBoard(40);
		await save(f.docName, updates.slice(0, 30), new Date(Date.now() - 8 * DAY));
		await save(f.docName, updates.slice(30), new Date());
		const running = await startServer({
			port: 0,
			host: '127.0.0.1',
			db: f.t.db,
			serveApp: false,
			board: { provider: f.t.target.provider, log: { info: () => undefined, warn: () => undefined, error: console.error } }
		});
		let client: Client | null = null;
		try {
			// The tests above rolled this board back: a client must come at its current generation.
			const generation = String(await boardGeneration(f.t.db, f.tree.roundId));
			client = await connectSynced(`ws://127.0.0.1:${running.port}/yjs`, f.docName, f.cookies.coordA, { generation });
			expectSameDocument(client.doc, doc);
			await expect.poll(async () => (await stored(f.docName)).length).toBe(11);
			expectSameDocument(await loadBoardDoc(f.t.db, f.docName), doc);
		} finally {
			client?.destroy();
			await running.close();
		}
	});
});

function replayed(updates: readonly Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}
