// One loaded board document and the connections editing it.
//
// A room keeps two copies of the document. `doc` holds only durable state: what is in the
// database. It answers sync requests and every change to it is broadcast, so no client
// ever sees an edit a crash could lose. `ingest` is `doc` plus accepted edits still
// waiting for their group commit; applying a client's update to it validates the update
// and yields exactly the part that is new, which is what gets persisted.
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Holder } from './access';
import { encodeAwareness, encodeAwarenessStates, encodeSyncStep1, encodeUpdate } from './protocol';

/**
 * Origin of what was read from the database or relayed by another instance: durable
 * already, so neither persisted nor published again.
 */
export const RELAYED = Symbol('relayed');
/** Origin of changes made by server-side code rather than a connection. */
export const SERVER = Symbol('server');

/**
 * Presence that is only renewed (same state, newer clock; each client does it every 15 s
 * and drops states unrenewed for 30 s) goes out batched per room this often. The stock
 * client re-broadcasts every awareness message it receives, so each message the server
 * sends to n clients comes back n − 1 times; batching the renewals of n clients makes
 * that one message instead of n. Changed presence goes out at once.
 */
const RENEWAL_BATCH_MS = 1000;

interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

/** A client beyond this much unsent data is too slow to keep; it reconnects and resyncs. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export type Access = 'edit' | 'read';

export class Peer {
	/** Awareness client ids this connection announced, removed when it goes. */
	readonly awarenessIds = new Set<number>();
	/** Frames that arrived before the room was ready. */
	early: Uint8Array[] | null = [];
	/** Whether dropping this read-only connection's edits was logged already. */
	warnedReadOnly = false;

	constructor(
		readonly ws: WebSocket,
		readonly holder: Holder,
		/** Only ever lowered while connected (see attach's access re-check). */
		public access: Access
	) {}

	get userId(): string {
		return this.holder.userId;
	}

	get open(): boolean {
		return this.ws.readyState === this.ws.OPEN;
	}

	send(frame: Uint8Array): void {
		if (!this.open) return;
		if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.ws.terminate();
			return;
		}
		this.ws.send(frame);
	}

	close(code: number, reason: string): void {
		if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) {
			this.ws.close(code, reason);
		}
	}
}

export interface RoomHost {
	/** An edit was accepted into `ingest`; it must be made durable, then `commit`ted. */
	persist(room: Room, update: Uint8Array, origin: Peer | null): void;
	/** Tell other instances (awareness, or a committed document update). */
	publish(room: Room, kind: 'update' | 'awareness', payload: Uint8Array): void;
	/** `doc` changed (durably). */
	changed(room: Room, update: Uint8Array, origin: Peer | null): void;
}

export class Room {
	readonly doc = new Y.Doc();
	ingest = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly peers = new Set<Peer>();
	/** Estimated rows of this document's log, across all instances; drives compaction. */
	rows = 0;
	/** False until the log is loaded; fan-out messages wait in `pending` meanwhile. */
	ready = false;
	pending: { kind: 'update' | 'awareness'; payload: Uint8Array }[] = [];
	unloadTimer: ReturnType<typeof setTimeout> | null = null;
	compacting = false;
	/** Client ids whose state differs after the awareness update being applied. */
	#changedNow = new Set<number>();
	/** Renewed client ids waiting for the next batch, and whether other instances must hear of them. */
	#renewed = new Map<number, boolean>();
	#renewalTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		readonly name: string,
		private readonly host: RoomHost
	) {
		// The server announces no presence of its own.
		this.awareness.setLocalState(null);
		this.#watchIngest(this.ingest);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			const from = origin instanceof Peer ? origin : null;
			const frame = encodeUpdate(update);
			for (const peer of this.peers) if (peer !== from) peer.send(frame);
			this.host.changed(this, update, from);
		});
		// Applying an awareness update emits 'change' (states that differ) right before
		// 'update' (every state with a newer clock, renewals included).
		this.awareness.on('change', ({ added, updated, removed }: AwarenessChanges) => {
			for (const id of [...added, ...updated, ...removed]) this.#changedNow.add(id);
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
			if (origin instanceof Peer) {
				for (const id of added) origin.awarenessIds.add(id);
				for (const id of removed) origin.awarenessIds.delete(id);
			}
			const changed = this.#changedNow;
			this.#changedNow = new Set();
			const publish = origin !== RELAYED;
			for (const id of updated) {
				if (changed.has(id)) continue;
				this.#renewed.set(id, publish || (this.#renewed.get(id) ?? false));
				this.#renewalTimer ??= setTimeout(() => this.#sendRenewals(), RENEWAL_BATCH_MS);
			}
			if (changed.size === 0) return;
			const ids = [...changed];
			for (const id of ids) this.#renewed.delete(id);
			this.#sendAwareness(ids, publish ? ids : []);
		});
	}

	/**
	 * Sends the current states of `ids` to every connection — back to the sender too: the
	 * client counts any message as a sign of life — and those of `publishIds` to other instances.
	 */
	#sendAwareness(ids: number[], publishIds: number[]): void {
		const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
		const frame = encodeAwareness(update);
		for (const peer of this.peers) peer.send(frame);
		if (publishIds.length > 0) {
			this.host.publish(this, 'awareness', publishIds.length === ids.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, publishIds));
		}
	}

	#sendRenewals(): void {
		this.#renewalTimer = null;
		const ids = [...this.#renewed.keys()].filter((id) => this.awareness.states.has(id));
		const publishIds = ids.filter((id) => this.#renewed.get(id));
		this.#renewed.clear();
		if (ids.length > 0) this.#sendAwareness(ids, publishIds);
	}

	#watchIngest(ingest: Y.Doc): void {
		ingest.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === RELAYED) return;
			this.host.persist(this, update, origin instanceof Peer ? origin : null);
		});
	}

	/** Applies rows read from the database (or re-read after a fan-out outage). */
	applyStored(updates: readonly Uint8Array[], onBadRow: (error: unknown) => void): void {
		for (const update of updates) {
			try {
				this.applyDurable(update);
			} catch (e) {
				onBadRow(e);
			}
		}
	}

	/** A change that is durable already: straight into both copies. */
	applyDurable(update: Uint8Array): void {
		Y.applyUpdate(this.ingest, update, RELAYED);
		Y.applyUpdate(this.doc, update, RELAYED);
	}

	/** An edit from a connection; it reaches other clients once `commit` is called for it. */
	receive(update: Uint8Array, peer: Peer): void {
		Y.applyUpdate(this.ingest, update, peer);
	}

	commit(update: Uint8Array, origin: Peer | null): void {
		Y.applyUpdate(this.doc, update, origin ?? SERVER);
	}

	/**
	 * Persisting failed: forget the edits that were not saved by rebuilding `ingest` from the
	 * durable state plus `queued` (edits still waiting for the next write). Their senders are
	 * disconnected; on reconnect they send them again.
	 */
	resetIngest(queued: readonly Uint8Array[]): void {
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(this.doc), RELAYED);
		for (const update of queued) Y.applyUpdate(fresh, update, RELAYED);
		this.ingest.destroy();
		this.ingest = fresh;
		this.#watchIngest(fresh);
	}

	applyRemoteAwareness(update: Uint8Array): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, RELAYED);
	}

	/** Starts the sync handshake with a newly admitted connection. */
	greet(peer: Peer): void {
		peer.send(encodeSyncStep1(this.doc));
		const present = [...this.awareness.getStates().keys()];
		if (present.length > 0) peer.send(encodeAwarenessStates(this.awareness, present));
	}

	leave(peer: Peer): void {
		this.peers.delete(peer);
		if (peer.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], peer);
		}
	}

	destroy(): void {
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		if (this.#renewalTimer) clearTimeout(this.#renewalTimer);
		this.awareness.destroy();
		this.ingest.destroy();
		this.doc.destroy();
	}
}
