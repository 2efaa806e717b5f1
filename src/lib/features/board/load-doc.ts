// Reads a board document's persisted state straight from its update log.
import * as Y from 'yjs';
import type { Db } from '$lib/server/db';

export async function loadBoardDoc(db: Pick<Db, 'boardUpdate'>, docName: string): Promise<Y.Doc> {
	const rows = await db.boardUpdate.findMany({ where: { docName }, orderBy: { seq: 'asc' }, select: { update: true } });
	const doc = new Y.Doc();
	if (rows.length) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => new Uint8Array(r.update))));
	return doc;
}
