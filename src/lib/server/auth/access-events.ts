// "Someone's access may just have shrunk": said by the code that ends sessions, deactivates
// memberships or organisations, heard by the board server, which re-checks the affected
// open sockets at once (and tells the other instances) instead of at its next periodic
// check. The app bundle and the board server are separate module graphs in one process,
// so the listeners live on globalThis.

/** Whose access changed; no ids at all means anyone's. */
export interface AccessChange {
	sessionIds?: string[];
	userIds?: string[];
}

type Listener = (change: AccessChange) => void;

const key = Symbol.for('silverbridge.accessChanged');
type GlobalWithListeners = typeof globalThis & { [key]?: Set<Listener> };

function listeners(): Set<Listener> {
	const g = globalThis as GlobalWithListeners;
	g[key] ??= new Set();
	return g[key];
}

export function accessChanged(change: AccessChange): void {
	for (const listener of listeners()) {
		try {
			listener(change);
		} catch (e) {
			// The change itself is done; a listener's trouble must not fail the request.
			console.error('access change listener failed', e);
		}
	}
}

/** Returns a function that stops listening. */
export function onAccessChanged(listener: Listener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}
