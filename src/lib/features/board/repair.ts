// Repairing a board one editor spoilt: list the document's largest stored updates, and roll
// the board back to just before one of them by deleting it and every update stored after it.
// Compaction (server/board/persistence.ts) keeps the updates of the last week as they were
// saved and folds older ones into the log's first row, a checkpoint: rolling back to that row
// empties the board, and an update folded into it can no longer be chosen.
// The board's open sockets (on every instance) are closed with 4409 and their browsers drop
// their local copy, so the undone edits cannot come back from them; a browser that was
// offline meanwhile is refused on reconnect, its generation being older (generation.ts).
// Admins only, audited.
import { TRPCError } from '@trpc/server';
import { can, type Principal } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import { providerOf, type Db } from '$lib/server/db';
import { fieldError } from '$lib/server/trpc/errors';
import { m } from '$lib/paraglide/messages';
import { BOARD_ROLLBACK } from './generation';
import { boardDocName } from './schemas';

export interface StoredUpdate {
	seq: number;
	bytes: number;
	at: Date;
}

export interface BoardLog {
	docName: string;
	rows: number;
	bytes: number;
	/** The largest updates, largest first. */
	largest: StoredUpdate[];
}

type Listener = (docName: string) => Promise<void>;
const key = Symbol.for('silverbridge.boardReset');
type GlobalWithListeners = typeof globalThis & { [key]?: Set<Listener> };

// The app bundle and the board server are separate module graphs in one process, so the
// listeners live on globalThis (as for access changes).
function listeners(): Set<Listener> {
	const g = globalThis as GlobalWithListeners;
	g[key] ??= new Set();
	return g[key];
}

/** The board server's part: close the document's sockets and forget its loaded copy. */
export function onBoardReset(listener: Listener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}

async function resetBoard(docName: string): Promise<void> {
	await Promise.all([...listeners()].map((l) => l(docName).catch((e) => console.error('board reset listener failed', e))));
}

/** The round and its organisation, when the caller is an admin over it (else FORBIDDEN, as for a missing round). */
export async function requireBoardAdmin(db: Db, principal: Principal | null, roundId: string) {
	const round = await db.matchingRound.findUnique({
		where: { id: roundId },
		select: { id: true, name: true, org: { select: { id: true, path: true } } }
	});
	if (!round || (principal && !can(principal, 'board.repair', round.org.path))) {
		throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: board.repair' });
	}
	return round;
}

/** The stored log of a board: its size and its largest updates. */
export async function boardLog(db: Db, roundId: string, limit = 20): Promise<BoardLog> {
	const docName = boardDocName(roundId);
	const rows = await db.boardUpdate.findMany({
		where: { docName },
		select: { seq: true, at: true, update: true },
		orderBy: { seq: 'asc' }
	});
	const sized = rows.map((r) => ({ seq: r.seq, at: r.at, bytes: r.update.length }));
	return {
		docName,
		rows: sized.length,
		bytes: sized.reduce((sum, r) => sum + r.bytes, 0),
		largest: [...sized].sort((a, b) => b.bytes - a.bytes || b.seq - a.seq).slice(0, limit)
	};
}

/**
 * Deletes the update `fromSeq` and every later one. Sockets are reset before (so nothing more
 * is written from the old state) and after (so nobody keeps a copy loaded in between).
 */
export async function rollBackBoard(
	db: Db,
	target: { roundId: string; orgId: string; fromSeq: number; actorId: string | null; via: 'page' | 'command' }
): Promise<{ removed: number; removedBytes: number }> {
	const docName = boardDocName(target.roundId);
	await resetBoard(docName);
	const outcome = await db.$transaction(async (tx) => {
		// The board server's compaction takes the same lock on PostgreSQL (on SQLite, write
		// transactions take turns anyway), so it cannot fold the chosen update meanwhile.
		if (providerOf(db) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`board:${docName}`}))`;
		// Deleting from an update that compaction folded would delete the checkpoint, and with
		// it every edit before the chosen one.
		const chosen = await tx.boardUpdate.findFirst({ where: { docName, seq: target.fromSeq }, select: { seq: true } });
		if (!chosen) throw fieldError('fromSeq', m.board_repair_error_gone(), 'CONFLICT');
		const doomed = await tx.boardUpdate.findMany({ where: { docName, seq: { gte: target.fromSeq } }, select: { seq: true, update: true } });
		if (!doomed.length) return { removed: 0, removedBytes: 0 };
		// Everything from that point on, including what was appended since it was read.
		const removed = (await tx.boardUpdate.deleteMany({ where: { docName, seq: { gte: target.fromSeq } } })).count;
		const removedBytes = doomed.reduce((sum, d) => sum + d.update.length, 0);
		await recordAudit(tx, {
			actorId: target.actorId,
			orgId: target.orgId,
			// Also bumps the board's generation (generation.ts), in this same transaction.
			entity: BOARD_ROLLBACK.entity,
			entityId: target.roundId,
			action: BOARD_ROLLBACK.action,
			after: { fromSeq: target.fromSeq, removedUpdates: removed, removedBytes, via: target.via }
		});
		return { removed, removedBytes };
	});
	await resetBoard(docName);
	return outcome;
}
