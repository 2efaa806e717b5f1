// A board's generation: how many times an admin rolled it back, counted from the audit log
// (each rollback writes its audit row in the same transaction as its deletions, so the count
// and the log always agree). A browser that held the board at an older generation may still
// carry rolled-back edits in its document; the board server refuses it (see server.ts).
import type { Db } from '$lib/server/db';

export const BOARD_ROLLBACK = { entity: 'board', action: 'rollback' } as const;

/** The websocket URL's query parameter naming the generation a client's document belongs to. */
export const GENERATION_PARAM = 'generation';

export function boardGeneration(db: Pick<Db, 'auditLog'>, roundId: string): Promise<number> {
	return db.auditLog.count({ where: { ...BOARD_ROLLBACK, entityId: roundId } });
}

/**
 * The generation a client claims in its websocket URL. Missing counts as 0 (a client from
 * before generations existed, fine only if the board was never rolled back); anything that
 * is not a plain count never matches.
 */
export function claimedGeneration(url: string | undefined): number {
	const raw = new URL(url ?? '', 'http://localhost').searchParams.get(GENERATION_PARAM);
	if (raw === null) return 0;
	return /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}
