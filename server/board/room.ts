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
import { encodeAwarenessStates, encodeSyncStep1, encodeUpdate } from './protocol';

/**
 * Origin of what was read from the database or relayed by another instance: durable
 * already, so neither persisted nor published again.
 */
export const RELAYED = Symbol('relayed');
/** Origin of changes made by server-side code rather than a connection. */
export const SERVER = Symbol('server');

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
		readonly userId: string,
		readonly access: Access
	) {}

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
		this.awareness.on(
			'update',
			({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
				if (origin instanceof Peer) {
					for (const id of added) origin.awarenessIds.add(id);
					for (const id of removed) origin.awarenessIds.delete(id);
				}
				const changed = [...added, ...updated, ...removed];
				const frame = encodeAwarenessStates(this.awareness, changed);
				// Back to the sender too: the client counts any message as a sign of life.
				for (const peer of this.peers) peer.send(frame);
				if (origin !== RELAYED) {
					this.host.publish(this, 'awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
				}
			}
		);
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
		this.awareness.destroy();
		this.ingest.destroy();
		this.doc.destroy();
	}
}
