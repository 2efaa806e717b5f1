// Board persistence: each document is a log of Yjs updates in BoardUpdate, replayed in seq
// order on load. Writes are group-committed; compaction folds the rows older than the
// rollback window into one checkpoint row.
//
// On SQLite the board keeps a connection of its own with prepared statements: a group
// commit is one synchronous transaction of some 30 µs instead of a trip through Prisma's
// query engine, which cost milliseconds of the event loop per batch (see the README's
// benchmark notes). In WAL mode a committed transaction is in the WAL file before
// COMMIT returns, so a killed process loses nothing that was acknowledged.
import Database from 'better-sqlite3';
import type { DatabaseProvider } from '../../prisma/database';
import { BOARD_ROLLBACK, boardGeneration } from '../../src/lib/features/board/generation';
import { roundIdFromDocName } from '../../src/lib/features/board/schemas';
import { targetOf, type Db } from '../../src/lib/server/db';
import type { Logger } from './log';
import { mergeSliced } from './replay';

export interface BoardRow {
	docName: string;
	update: Uint8Array;
}

/**
 * The newest rows of a log, kept as they were saved so that an admin can still list them and
 * roll the board back to before any of them (board:repair): rows saved within `ms`, at most
 * the newest `rows` of them. Everything older is folded into one checkpoint row.
 */
export interface RollbackWindow {
	ms: number;
	rows: number;
}

/** A week covers a spoilt board noticed after a weekend; 1 000 rows replay in a few slices. */
export const ROLLBACK_WINDOW: RollbackWindow = { ms: 7 * 24 * 60 * 60_000, rows: 1000 };

/** A document's log and its generation: how many times it was rolled back (see repair.ts). */
export interface StoredBoard {
	updates: Uint8Array[];
	generation: number;
}

export interface BoardStore {
	/** Every update of the document, in seq order, read in one transaction with its generation. */
	load(docName: string): Promise<StoredBoard>;
	/** Appends all rows atomically: either every row is durable or none is. */
	append(rows: readonly BoardRow[]): Promise<void>;
	/**
	 * Folds the document's rows older than `window` into one; returns how many rows it removed.
	 * The merge runs between the read and the write, off any transaction; the write happens
	 * only if every folded row is still there (a rollback meanwhile makes it fold nothing).
	 */
	compact(docName: string, window: RollbackWindow): Promise<number>;
	/** Lets go of the store's own connection, if it has one. */
	close(): void;
}

/** Rows folded per compaction pass: bounds the merge, and PostgreSQL's `seq IN (…)` list. */
const COMPACT_BATCH = 2000;

interface RowTime {
	seq: number;
	at: Date;
}

/**
 * How many of the oldest rows (given in seq order) fall outside the window. Rows are folded as
 * a prefix: the checkpoint takes the seq of the newest row it covers, so replay order holds.
 */
export function foldablePrefix(rows: readonly RowTime[], window: RollbackWindow, now: Date): number {
	const cutoff = now.getTime() - window.ms;
	let old = 0;
	for (let i = rows.length - 1; i >= 0; i--) {
		if (rows[i].at.getTime() < cutoff) {
			old = i + 1;
			break;
		}
	}
	const count = Math.min(COMPACT_BATCH, Math.max(old, rows.length - window.rows));
	// Folding one row into itself changes nothing.
	return count >= 2 ? count : 0;
}

/** SQLite DATETIME as written here or by Prisma (ISO text), by the column default (UTC text without zone), or as epoch ms. */
function sqliteTime(value: unknown): Date {
	if (typeof value === 'number') return new Date(value);
	const text = String(value);
	return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
}

/** Folds updates into one; tests pass one that waits, to act while a compaction is under way. */
export type Merge = (updates: readonly Uint8Array[]) => Promise<Uint8Array>;

export function createBoardStore(db: Db, provider: DatabaseProvider, merge: Merge = mergeSliced): BoardStore {
	if (provider === 'postgresql') return prismaStore(db, merge);
	const target = targetOf(db);
	if (target?.provider !== 'sqlite') throw new Error('board: the SQLite client was not made by createDb, so its file is unknown');
	return sqliteStore(target.url.slice('file:'.length), merge);
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

function sqliteStore(file: string, merge: Merge): BoardStore {
	const sqlite = new Database(file, { timeout: 0 });
	// The WAL's own default (Prisma's connection runs with it too), stated: commits survive a
	// killed process; an OS crash or power cut may lose the last ones.
	sqlite.pragma('synchronous = NORMAL');
	const selectAll = sqlite.prepare<[string], { update: Buffer }>('SELECT "update" FROM "BoardUpdate" WHERE "docName" = ? ORDER BY "seq"');
	const countRollbacks = sqlite.prepare<[string, string, string], { n: number }>(
		'SELECT COUNT(*) AS "n" FROM "AuditLog" WHERE "entity" = ? AND "entityId" = ? AND "action" = ?'
	);
	// One read transaction: a rollback commits its deletions and its audit row together.
	const loadBoard = sqlite.transaction((docName: string): StoredBoard => {
		const updates = selectAll.all(docName).map((r) => r.update);
		const roundId = roundIdFromDocName(docName);
		const generation = roundId === null ? 0 : countRollbacks.get(BOARD_ROLLBACK.entity, roundId, BOARD_ROLLBACK.action)!.n;
		return { updates, generation };
	});
	const insert = sqlite.prepare<[string, Uint8Array, string]>('INSERT INTO "BoardUpdate" ("docName", "update", "at") VALUES (?, ?, ?)');
	const selectTimes = sqlite.prepare<[string], { seq: number; at: unknown }>(
		'SELECT "seq", "at" FROM "BoardUpdate" WHERE "docName" = ? ORDER BY "seq"'
	);
	const selectRange = sqlite.prepare<[string, number, number], { seq: number; update: Buffer }>(
		'SELECT "seq", "update" FROM "BoardUpdate" WHERE "docName" = ? AND "seq" BETWEEN ? AND ? ORDER BY "seq"'
	);
	const countRange = sqlite.prepare<[string, number, number], { n: number }>(
		'SELECT COUNT(*) AS "n" FROM "BoardUpdate" WHERE "docName" = ? AND "seq" BETWEEN ? AND ?'
	);
	const replace = sqlite.prepare<[Uint8Array, number]>('UPDATE "BoardUpdate" SET "update" = ? WHERE "seq" = ?');
	const deleteRange = sqlite.prepare<[string, number, number]>('DELETE FROM "BoardUpdate" WHERE "docName" = ? AND "seq" BETWEEN ? AND ?');

	const appendAll = sqlite.transaction((rows: readonly BoardRow[], at: string) => {
		for (const row of rows) insert.run(row.docName, row.update, at);
	});
	const readFoldable = sqlite.transaction((docName: string, window: RollbackWindow, now: Date) => {
		const times = selectTimes.all(docName).map((r) => ({ seq: r.seq, at: sqliteTime(r.at) }));
		const count = foldablePrefix(times, window, now);
		return count ? selectRange.all(docName, times[0].seq, times[count - 1].seq) : [];
	});
	// Seqs only grow (AUTOINCREMENT, one writer at a time), so no row can have joined the range
	// since it was read; a rollback can only have removed some, and then nothing is folded.
	const replaceFolded = sqlite.transaction((docName: string, first: number, last: number, count: number, merged: Uint8Array) => {
		if (countRange.get(docName, first, last)!.n !== count) return 0;
		// The merge takes the place of the newest row it covers, so replay order is kept.
		replace.run(merged, last);
		return deleteRange.run(docName, first, last - 1).changes;
	});

	return {
		load: (docName) => whenNotBusy(() => loadBoard(docName)),
		// IMMEDIATE takes the write lock first, so "busy" can only come before anything is written.
		append: (rows) => whenNotBusy(() => appendAll.immediate(rows, sqliteNow())),
		async compact(docName, window) {
			const rows = await whenNotBusy(() => readFoldable(docName, window, new Date()));
			if (rows.length < 2) return 0;
			const merged = await merge(rows.map((r) => r.update));
			const [first, last] = [rows[0].seq, rows[rows.length - 1].seq];
			return whenNotBusy(() => replaceFolded.immediate(docName, first, last, rows.length, merged));
		},
		close: () => sqlite.close()
	};
}

function prismaStore(db: Db, merge: Merge): BoardStore {
	return {
		async load(docName) {
			const roundId = roundIdFromDocName(docName);
			return db.$transaction(async (tx) => {
				// Rollbacks (repair.ts) take the same lock: the log and the generation are then read
				// both from before a rollback or both from after it.
				await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board:${docName}`}))`;
				const rows = await tx.boardUpdate.findMany({ where: { docName }, orderBy: { seq: 'asc' }, select: { update: true } });
				const generation = roundId === null ? 0 : await boardGeneration(tx, roundId);
				return { updates: rows.map((r) => r.update), generation };
			});
		},

		async append(rows) {
			// A transaction, not a bare createMany: Prisma may split a large insert.
			await db.$transaction([
				db.boardUpdate.createMany({
					data: rows.map((r) => ({ docName: r.docName, update: new Uint8Array(r.update) }))
				})
			]);
		},

		async compact(docName, window) {
			const times = await db.boardUpdate.findMany({ where: { docName }, orderBy: { seq: 'asc' }, select: { seq: true, at: true } });
			const count = foldablePrefix(times, window, new Date());
			if (!count) return 0;
			const seqs = times.slice(0, count).map((r) => r.seq);
			const rows = await db.boardUpdate.findMany({
				where: { seq: { in: seqs } },
				orderBy: { seq: 'asc' },
				select: { seq: true, update: true }
			});
			if (rows.length !== count) return 0;
			const merged = await merge(rows.map((r) => r.update));
			const last = seqs[count - 1];
			return db.$transaction(async (tx) => {
				// Other instances compacting, and rollbacks (repair.ts), take the same lock: the
				// check below then sees the log as they left it.
				await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board:${docName}`}))`;
				if ((await tx.boardUpdate.count({ where: { docName, seq: { in: seqs } } })) !== count) return 0;
				// The merge takes the place of the newest row it covers, so replay order is kept.
				// Rows are deleted by seq, not by `seq < last`: an earlier seq can commit after a
				// later one, and such a row was not read and must survive.
				await tx.boardUpdate.update({ where: { seq: last }, data: { update: new Uint8Array(merged) } });
				const removed = await tx.boardUpdate.deleteMany({ where: { seq: { in: seqs.slice(0, -1) } } });
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
