// Board persistence: each document is an append-only log of Yjs updates in BoardUpdate,
// replayed in seq order on load. Writes are group-committed; compaction folds a prefix of
// the log into one merged update.
//
// On SQLite the board keeps a connection of its own with prepared statements: a group
// commit is one synchronous transaction of some 30 µs instead of a trip through Prisma's
// query engine, which cost milliseconds of the event loop per batch (see the README's
// benchmark notes). In WAL mode a committed transaction is in the WAL file before
// COMMIT returns, so a killed process loses nothing that was acknowledged.
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { DatabaseProvider } from '../../prisma/database';
import { targetOf, type Db } from '../../src/lib/server/db';
import type { Logger } from './log';

export interface BoardRow {
	docName: string;
	update: Uint8Array;
}

export interface BoardStore {
	/** Every update of the document, in seq order. */
	load(docName: string): Promise<Uint8Array[]>;
	/** Appends all rows atomically: either every row is durable or none is. */
	append(rows: readonly BoardRow[]): Promise<void>;
	/** Folds the document's oldest rows into one; returns how many rows it removed. */
	compact(docName: string): Promise<number>;
	/** Lets go of the store's own connection, if it has one. */
	close(): void;
}

/** Rows folded per compaction pass: bounds the merge, and PostgreSQL's `seq IN (…)` list. */
const COMPACT_BATCH = 2000;

export function createBoardStore(db: Db, provider: DatabaseProvider): BoardStore {
	if (provider === 'postgresql') return prismaStore(db);
	const target = targetOf(db);
	if (target?.provider !== 'sqlite') throw new Error('board: the SQLite client was not made by createDb, so its file is unknown');
	return sqliteStore(target.url.slice('file:'.length));
}

/** How long a write waits for another connection's transaction before it counts as failed. */
const BUSY_GIVE_UP_MS = 5000;

/**
 * Runs `attempt` until SQLite stops answering "busy". The connection never waits inside
 * SQLite itself (busy timeout 0): the holder of the lock may be a Prisma transaction of
 * this very process, which can only finish if the event loop keeps turning.
 */
async function whenNotBusy<T>(attempt: () => T): Promise<T> {
	const giveUpAt = Date.now() + BUSY_GIVE_UP_MS;
	for (let waitMs = 1; ; waitMs = Math.min(waitMs * 2, 50)) {
		try {
			return attempt();
		} catch (e) {
			const busy = e instanceof Database.SqliteError && e.code.startsWith('SQLITE_BUSY');
			if (!busy || Date.now() > giveUpAt) throw e;
		}
		await new Promise((resolve) => setTimeout(resolve, waitMs));
	}
}

/** Prisma stores SQLite DateTimes as ISO text with an explicit offset; rows written here match. */
const sqliteNow = () => new Date().toISOString().replace('Z', '+00:00');

function sqliteStore(file: string): BoardStore {
	const sqlite = new Database(file, { timeout: 0 });
	// The WAL's own default (Prisma's connection runs with it too), stated: commits survive a
	// killed process; an OS crash or power cut may lose the last ones.
	sqlite.pragma('synchronous = NORMAL');
	const selectAll = sqlite.prepare<[string], { update: Buffer }>('SELECT "update" FROM "BoardUpdate" WHERE "docName" = ? ORDER BY "seq"');
	const insert = sqlite.prepare<[string, Uint8Array, string]>('INSERT INTO "BoardUpdate" ("docName", "update", "at") VALUES (?, ?, ?)');
	const selectOldest = sqlite.prepare<[string, number], { seq: number; update: Buffer }>(
		'SELECT "seq", "update" FROM "BoardUpdate" WHERE "docName" = ? ORDER BY "seq" LIMIT ?'
	);
	const replace = sqlite.prepare<[Uint8Array, number]>('UPDATE "BoardUpdate" SET "update" = ? WHERE "seq" = ?');
	// Within this write transaction no other writer can commit, and seqs only grow, so every
	// row of the document below the newest one read was read.
	const deleteBelow = sqlite.prepare<[string, number]>('DELETE FROM "BoardUpdate" WHERE "docName" = ? AND "seq" < ?');

	const appendAll = sqlite.transaction((rows: readonly BoardRow[], at: string) => {
		for (const row of rows) insert.run(row.docName, row.update, at);
	});
	const compactOldest = sqlite.transaction((docName: string): number => {
		const rows = selectOldest.all(docName, COMPACT_BATCH);
		if (rows.length < 2) return 0;
		const last = rows[rows.length - 1];
		// The merge takes the place of the newest row it covers, so replay order is kept.
		replace.run(Y.mergeUpdates(rows.map((r) => r.update)), last.seq);
		return deleteBelow.run(docName, last.seq).changes;
	});

	return {
		load: (docName) => whenNotBusy(() => selectAll.all(docName).map((r) => r.update)),
		// IMMEDIATE takes the write lock first, so "busy" can only come before anything is written.
		append: (rows) => whenNotBusy(() => appendAll.immediate(rows, sqliteNow())),
		compact: (docName) => whenNotBusy(() => compactOldest.immediate(docName)),
		close: () => sqlite.close()
	};
}

function prismaStore(db: Db): BoardStore {
	return {
		async load(docName) {
			const rows = await db.boardUpdate.findMany({
				where: { docName },
				orderBy: { seq: 'asc' },
				select: { update: true }
			});
			return rows.map((r) => r.update);
		},

		async append(rows) {
			// A transaction, not a bare createMany: Prisma may split a large insert.
			await db.$transaction([
				db.boardUpdate.createMany({
					data: rows.map((r) => ({ docName: r.docName, update: new Uint8Array(r.update) }))
				})
			]);
		},

		async compact(docName) {
			return db.$transaction(async (tx) => {
				// Several instances may compact the same document; they take turns, so each one
				// reads the log as the previous one left it.
				await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board:${docName}`}))`;
				const rows = await tx.boardUpdate.findMany({
					where: { docName },
					orderBy: { seq: 'asc' },
					take: COMPACT_BATCH,
					select: { seq: true, update: true }
				});
				if (rows.length < 2) return 0;
				const last = rows[rows.length - 1];
				const merged = Y.mergeUpdates(rows.map((r) => r.update));
				// The merge takes the place of the newest row it covers, so replay order is kept.
				// Rows are deleted by seq, not by `seq < last`: an earlier seq can commit after a
				// later one, and such a row was not read and must survive.
				await tx.boardUpdate.update({ where: { seq: last.seq }, data: { update: new Uint8Array(merged) } });
				const removed = await tx.boardUpdate.deleteMany({
					where: { seq: { in: rows.slice(0, -1).map((r) => r.seq) } }
				});
				return removed.count;
			});
		},

		close: () => undefined
	};
}

/** A write waiting for its group commit, with whatever the caller needs after it. */
export interface PendingWrite {
	docName: string;
	update: Uint8Array;
}

/**
 * Group commit. Writes arriving in the same event-loop turn as the first one (or within
 * `delayMs` of it, when set) — and all that arrive while a batch is being written — go to
 * the database together; `settle` then sees the whole batch in arrival order with the
 * outcome, so callers publish only durable updates.
 */
export class GroupCommit<T extends PendingWrite> {
	#queue: T[] = [];
	/** Cancels the scheduled start of the next batch. */
	#cancelStart: (() => void) | null = null;
	#running = false;
	#idle: (() => void)[] = [];

	constructor(
		private readonly write: (batch: readonly T[]) => Promise<void>,
		private readonly settle: (batch: readonly T[], error: unknown) => void,
		private readonly options: { delayMs: number; maxBatch: number; log: Logger }
	) {}

	push(entry: T): void {
		this.#queue.push(entry);
		if (this.#running || this.#cancelStart) return;
		const start = () => {
			this.#cancelStart = null;
			void this.#run();
		};
		// An immediate runs once every socket with data in this turn has been read.
		if (this.options.delayMs > 0) {
			const timer = setTimeout(start, this.options.delayMs);
			this.#cancelStart = () => clearTimeout(timer);
		} else {
			const immediate = setImmediate(start);
			this.#cancelStart = () => clearImmediate(immediate);
		}
	}

	/** Entries not yet handed to the database. */
	queued(): readonly T[] {
		return this.#queue;
	}

	/** Writes everything queued now and resolves when nothing is pending. */
	drain(): Promise<void> {
		if (!this.#running && this.#queue.length === 0) return Promise.resolve();
		const idle = new Promise<void>((resolve) => this.#idle.push(resolve));
		if (this.#cancelStart) {
			this.#cancelStart();
			this.#cancelStart = null;
			void this.#run();
		}
		return idle;
	}

	async #run(): Promise<void> {
		this.#running = true;
		while (this.#queue.length > 0) {
			const batch = this.#queue.splice(0, this.options.maxBatch);
			let error: unknown = null;
			try {
				await this.write(batch);
			} catch (e) {
				error = e ?? new Error('write failed');
			}
			try {
				this.settle(batch, error);
			} catch (e) {
				this.options.log.error('board: settling a persisted batch failed', e);
			}
		}
		this.#running = false;
		for (const resolve of this.#idle.splice(0)) resolve();
	}
}
