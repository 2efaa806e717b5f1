// The board's group commit and its own SQLite connection: what is batched together, and
// how a write waits for a transaction of the app's Prisma client without stalling the
// process that has to finish that transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoardStore, GroupCommit, type BoardStore, type PendingWrite } from '../../server/board/persistence';
import { createTestDb, type TestDb } from '../helpers/test-db';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const write = (docName: string, byte: number): PendingWrite => ({ docName, update: Uint8Array.of(byte) });

describe('group commit', () => {
	it('writes everything pushed in one event-loop turn as one batch, and later pushes in the next', async () => {
		const batches: number[][] = [];
		const settled: number[][] = [];
		const commit = new GroupCommit<PendingWrite>(
			async (batch) => {
				batches.push(batch.map((w) => w.update[0]));
			},
			(batch, error) => {
				expect(error).toBeNull();
				settled.push(batch.map((w) => w.update[0]));
			},
			{ delayMs: 0, maxBatch: 500, log: quiet }
		);
		commit.push(write('a', 1));
		commit.push(write('b', 2));
		commit.push(write('a', 3));
		expect(batches).toEqual([]);
		await new Promise((resolve) => setImmediate(resolve));
		commit.push(write('a', 4));
		await commit.drain();
		expect(batches).toEqual([[1, 2, 3], [4]]);
		expect(settled).toEqual(batches);
	});

	it('hands a failed batch to settle with the error, in arrival order', async () => {
		const outcomes: { bytes: number[]; error: unknown }[] = [];
		const commit = new GroupCommit<PendingWrite>(
			() => Promise.reject(new Error('disk full')),
			(batch, error) => outcomes.push({ bytes: batch.map((w) => w.update[0]), error }),
			{ delayMs: 0, maxBatch: 500, log: quiet }
		);
		commit.push(write('a', 1));
		commit.push(write('a', 2));
		await commit.drain();
		expect(outcomes).toEqual([{ bytes: [1, 2], error: new Error('disk full') }]);
	});
});

describe('board store on SQLite', () => {
	let t: TestDb;
	let store: BoardStore;

	beforeAll(async () => {
		t = await createTestDb('sqlite');
		store = createBoardStore(t.db, 'sqlite');
	});

	afterAll(async () => {
		store?.close();
		await t?.cleanup();
	});

	it('waits for a Prisma transaction holding the write lock while the event loop keeps turning', async () => {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let locked!: () => void;
		const lockTaken = new Promise<void>((resolve) => (locked = resolve));
		const transaction = t.db.$transaction(async (tx) => {
			await tx.boardUpdate.create({ data: { docName: 'round-lock', update: Uint8Array.of(1) } });
			locked();
			await held;
		});
		await lockTaken;

		let appended = false;
		const append = store.append([{ docName: 'round-lock', update: Uint8Array.of(2) }]).then(() => (appended = true));
		// Timers still fire, so the transaction above can go on; the append is still waiting.
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(appended).toBe(false);

		release();
		await transaction;
		await append;
		const rows = await t.db.boardUpdate.findMany({ where: { docName: 'round-lock' }, orderBy: { seq: 'asc' } });
		expect(rows.map((r) => [...r.update])).toEqual([[1], [2]]);
		// Written with the same DateTime format as Prisma's own rows.
		expect(Math.abs(rows[1].at.getTime() - Date.now())).toBeLessThan(60_000);
		expect((await store.load('round-lock')).updates).toEqual([Uint8Array.of(1), Uint8Array.of(2)].map((u) => Buffer.from(u)));
	});

	it('appends a batch all or nothing', async () => {
		await expect(
			store.append([
				{ docName: 'round-atomic', update: Uint8Array.of(1) },
				{ docName: 'round-atomic', update: null as unknown as Uint8Array }
			])
		).rejects.toThrow();
		expect(await t.db.boardUpdate.count({ where: { docName: 'round-atomic' } })).toBe(0);
	});
});
