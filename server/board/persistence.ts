// Board persistence: each document is an append-only log of Yjs updates in BoardUpdate,
// replayed in seq order on load. Writes are group-committed; compaction folds a prefix of
// the log into one merged update.
import * as Y from 'yjs';
import type { DatabaseProvider } from '../../prisma/database';
import type { Db } from '../../src/lib/server/db';
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
}

/** Rows folded per compaction pass, so the `seq IN (…)` list stays far below parameter limits. */
const COMPACT_BATCH = 2000;

export function createBoardStore(db: Db, provider: DatabaseProvider): BoardStore {
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
			// A transaction, not a bare createMany: Prisma may split a large insert, and the
			// SQLite adapter serialises transactions on its one connection, which keeps this
			// write from landing inside a concurrent compaction transaction.
			await db.$transaction([
				db.boardUpdate.createMany({
					data: rows.map((r) => ({ docName: r.docName, update: new Uint8Array(r.update) }))
				})
			]);
		},

		async compact(docName) {
			return db.$transaction(async (tx) => {
				// Several instances may compact the same document; on PostgreSQL they take turns,
				// so each one reads the log as the previous one left it. (SQLite writers are
				// serialised by the database itself.)
				if (provider === 'postgresql') {
					await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board:${docName}`}))`;
				}
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
				// Rows are deleted by seq, not by `seq < last`: on PostgreSQL an earlier seq can
				// commit after a later one, and such a row was not read and must survive.
				await tx.boardUpdate.update({ where: { seq: last.seq }, data: { update: new Uint8Array(merged) } });
				const removed = await tx.boardUpdate.deleteMany({
					where: { seq: { in: rows.slice(0, -1).map((r) => r.seq) } }
				});
				return removed.count;
			});
		}
	};
}

/** A write waiting for its group commit, with whatever the caller needs after it. */
export interface PendingWrite {
	docName: string;
	update: Uint8Array;
}

/**
 * Group commit. Writes arriving within `delayMs` of the first one — and all that arrive
 * while a batch is being written — go to the database together; `settle` then sees the
 * whole batch in arrival order with the outcome, so callers publish only durable updates.
 */
export class GroupCommit<T extends PendingWrite> {
	#queue: T[] = [];
	#timer: ReturnType<typeof setTimeout> | null = null;
	#running = false;
	#idle: (() => void)[] = [];

	constructor(
		private readonly write: (batch: readonly T[]) => Promise<void>,
		private readonly settle: (batch: readonly T[], error: unknown) => void,
		private readonly options: { delayMs: number; maxBatch: number; log: Logger }
	) {}

	push(entry: T): void {
		this.#queue.push(entry);
		if (!this.#running && !this.#timer) {
			this.#timer = setTimeout(() => {
				this.#timer = null;
				void this.#run();
			}, this.options.delayMs);
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
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = null;
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
