// Replaying a stored log without holding the event loop. A board's log (a 3 000-placement
// auto-match and a morning of edits) takes tens of milliseconds to apply, twice per load
// (room.ts keeps two copies), and hundreds of clients reconnecting after a restart are
// admitted meanwhile: applied a slice at a time, each slice one Yjs transaction, no single
// turn of the loop grows with the log.
import * as Y from 'yjs';

/** Work per turn of the event loop before yielding. */
const SLICE_MS = 8;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Applies `updates` in order, a slice per event-loop turn. A row that fails goes to
 * `onBadRow` (which may rethrow); `stop` is asked between slices and ends the replay early.
 */
export async function applySliced(
	doc: Y.Doc,
	updates: readonly Uint8Array[],
	origin: unknown,
	onBadRow: (error: unknown) => void,
	stop: () => boolean = () => false
): Promise<void> {
	let next = 0;
	while (next < updates.length) {
		if (stop()) return;
		const started = performance.now();
		doc.transact(() => {
			while (next < updates.length && performance.now() - started < SLICE_MS) {
				const update = updates[next++];
				try {
					Y.applyUpdate(doc, update, origin);
				} catch (e) {
					onBadRow(e);
				}
			}
		}, origin);
		if (next < updates.length) await nextTurn();
	}
}

/**
 * The updates folded into one that is equivalent to all of them (Y.mergeUpdates does the
 * same in one blocking call). An unreadable update fails the whole merge.
 */
export async function mergeSliced(updates: readonly Uint8Array[]): Promise<Uint8Array> {
	const scratch = new Y.Doc();
	try {
		await applySliced(scratch, updates, null, (e) => {
			throw e;
		});
		await nextTurn();
		return Y.encodeStateAsUpdate(scratch);
	} finally {
		scratch.destroy();
	}
}
