// What changed, said once by the code that changed it (after its transaction committed) and
// heard by whatever keeps screens live: the calendar's and the notification centre's
// subscriptions, and the relay that tells the other app instances. The app bundle and
// server/ are separate module graphs in one process, so the listeners live on globalThis.

export type LiveEvent =
	/** Sessions were created, dated, moved, answered, confirmed, cancelled or recorded. */
	| { type: 'sessions.changed'; sessionIds: string[] }
	/** New notifications (or read marks) for these users. */
	| { type: 'notifications.changed'; userIds: string[] };

type Listener = (event: LiveEvent) => void;

const key = Symbol.for('silverbridge.live');
type GlobalWithListeners = typeof globalThis & { [key]?: Set<Listener> };

function listeners(): Set<Listener> {
	const g = globalThis as GlobalWithListeners;
	g[key] ??= new Set();
	return g[key];
}

export function emitLive(event: LiveEvent): void {
	for (const listener of listeners()) {
		try {
			listener(event);
		} catch (e) {
			// The change is already committed; one listener's trouble must not fail the request.
			console.error('live event listener failed', e);
		}
	}
}

/** Returns a function that stops listening. */
export function onLive(listener: Listener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}
