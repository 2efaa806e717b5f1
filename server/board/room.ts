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
import { encodeAwareness, encodeAwarenessStates, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';
import { applySliced } from './replay';

/**
 * Where a change to a room's documents or presence came from, passed to Yjs as the
 * transaction origin: a connection's edit; something durable already (read from the
 * database or relayed by another instance), so neither persisted nor published again; or
 * server-side code.
 */
export type Origin = { kind: 'peer'; peer: Peer } | { kind: 'durable' } | { kind: 'server' };

const DURABLE: Origin = { kind: 'durable' };
const SERVER: Origin = { kind: 'server' };

/** Yjs and y-protocols use origins of their own too ('local', 'timeout'); those are not ours. */
function originOf(raw: unknown): Origin | null {
	return typeof raw === 'object' && raw !== null && 'kind' in raw ? (raw as Origin) : null;
}

function peerOf(raw: unknown): Peer | null {
	const origin = originOf(raw);
	return origin?.kind === 'peer' ? origin.peer : null;
}

export type RelayedKind = 'update' | 'awareness';

/**
 * Presence that is only renewed (same state, newer clock; each client does it every 15 s
 * and drops states unrenewed for 30 s) goes out batched per room this often. The stock
 * client re-broadcasts every awareness message it receives, so each message the server
 * sends to n clients comes back n − 1 times; batching the renewals of n clients makes
 * that one message instead of n. Changed presence goes out at once.
 */
const RENEWAL_BATCH_MS = 1000;

/** Sync replies kept per document (see Room.syncReply). */
const MAX_CACHED_REPLY_BYTES = 16 * 1024 * 1024;

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
	readonly origin: Origin = { kind: 'peer', peer: this };
	/** Frames that arrived before the room was ready; null once they were handed over. */
	#early: Uint8Array[] | null;
	#access: Access;
	#warnedReadOnly = false;

	constructor(
		readonly ws: WebSocket,
		readonly holder: Holder,
		access: Access,
		early: Uint8Array[],
		/** The board generation the client's document belongs to, as its URL claims. */
		readonly generation: number
	) {
		this.#access = access;
		this.#early = early;
	}

	get userId(): string {
		return this.holder.userId;
	}

	get access(): Access {
		return this.#access;
	}

	/** Access is only ever lowered while connected (see the access monitor). */
	demoteToReader(): void {
		this.#access = 'read';
	}

	/** Whether frames still wait for the room to be ready. */
	get waiting(): boolean {
		return this.#early !== null;
	}

	/** The frames that arrived before the room was ready; from now on frames are handled as they come. */
	takeEarly(): Uint8Array[] {
		const early = this.#early ?? [];
		this.#early = null;
		return early;
	}

	/** Whether dropping this read-only connection's edits was logged already (once per connection). */
	get warnedReadOnly(): boolean {
		return this.#warnedReadOnly;
	}

	warnedOfReadOnly(): void {
		this.#warnedReadOnly = true;
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
	/** An edit was accepted into `ingest`; it must be made durable, then `saved`. */
	persist(room: Room, update: Uint8Array, origin: Peer | null): void;
	/** Tell other instances (awareness, or a committed document update). */
	publish(room: Room, kind: RelayedKind, payload: Uint8Array): void;
	/** `doc` changed (durably). */
	changed(room: Room, update: Uint8Array, origin: Peer | null): void;
}

export class Room {
	readonly doc = new Y.Doc();
	#ingest = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly #peers = new Set<Peer>();
	/** Estimated rows of this document's log, across all instances; drives compaction. */
	#rows = 0;
	/** `#rows` as the last compaction left it: the rows it kept are not worth another try at once. */
	#rowsAfterCompaction = 0;
	#destroyed = false;
	/** Rollbacks of the log as loaded (generation.ts); a rollback discards the room, so it never changes. */
	#generation = 0;
	/** False until the log is loaded; fan-out messages wait in `#pending` meanwhile. */
	#ready = false;
	#pending: { kind: RelayedKind; payload: Uint8Array }[] = [];
	#unloadTimer: ReturnType<typeof setTimeout> | null = null;
	/** The durable document's encoded size, estimated from above between measurements. */
	#bytes = 0;
	/** Client ids whose state differs after the awareness update being applied. */
	#changedNow = new Set<number>();
	/** Renewed client ids waiting for the next batch, and whether other instances must hear of them. */
	#renewed = new Map<number, boolean>();
	#renewalTimer: ReturnType<typeof setTimeout> | null = null;
	/**
	 * Sync replies by the state vector asked with, while the document stays as it is: clients
	 * reconnecting after a restart mostly hold the same state, and each reply walks the whole
	 * document. Bounded in bytes, since a reply to an empty client is the whole board.
	 */
	#replies = new Map<string, Uint8Array>();
	#replyBytes = 0;
	/** Sync step 1 (the document's state vector) while the document stays as it is. */
	#greeting: Uint8Array | null = null;

	constructor(
		readonly name: string,
		private readonly host: RoomHost
	) {
		// The server announces no presence of its own.
		this.awareness.setLocalState(null);
		// Applying an awareness update emits 'change' (states that differ) right before
		// 'update' (every state with a newer clock, renewals included).
		this.awareness.on('change', ({ added, updated, removed }: AwarenessChanges) => {
			for (const id of [...added, ...updated, ...removed]) this.#changedNow.add(id);
		});
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
			const from = peerOf(origin);
			if (from) {
				for (const id of added) from.awarenessIds.add(id);
				for (const id of removed) from.awarenessIds.delete(id);
			}
			const changed = this.#changedNow;
			this.#changedNow = new Set();
			const publish = originOf(origin)?.kind !== 'durable';
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
		for (const peer of this.#peers) peer.send(frame);
		if (publishIds.length > 0) {
			this.host.publish(
				this,
				'awareness',
				publishIds.length === ids.length ? update : awarenessProtocol.encodeAwarenessUpdate(this.awareness, publishIds)
			);
		}
	}

	#sendRenewals(): void {
		this.#renewalTimer = null;
		const ids = [...this.#renewed.keys()].filter((id) => this.awareness.states.has(id));
		const publishIds = ids.filter((id) => this.#renewed.get(id));
		this.#renewed.clear();
		if (ids.length > 0) this.#sendAwareness(ids, publishIds);
	}

	get ready(): boolean {
		return this.#ready;
	}

	get generation(): number {
		return this.#generation;
	}

	get rows(): number {
		return this.#rows;
	}

	get peers(): ReadonlySet<Peer> {
		return this.#peers;
	}

	// Watched only once loaded: Yjs encodes every transaction for its 'update' listeners, which
	// during the replay would double its cost for nothing (no connection is served yet).
	#watchDoc(): void {
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			this.#replies.clear();
			this.#replyBytes = 0;
			this.#greeting = null;
			const from = peerOf(origin);
			// A connection still waiting for its greeting gets all of this in its sync reply;
			// while a board loads, that spares a frame per stored row to every waiting client.
			const to = [...this.#peers].filter((peer) => peer !== from && !peer.waiting);
			if (to.length > 0) {
				const frame = encodeUpdate(update);
				for (const peer of to) peer.send(frame);
			}
			if (this.#ready) this.host.changed(this, update, from);
		});
	}

	#watchIngest(ingest: Y.Doc): void {
		ingest.on('update', (update: Uint8Array, origin: unknown) => {
			if (originOf(origin)?.kind === 'durable') return;
			this.host.persist(this, update, peerOf(origin));
		});
	}

	/**
	 * The log was read: apply it (a slice per event-loop turn), then whatever other instances
	 * relayed meanwhile, and from now on serve the room. False when the room was destroyed first.
	 */
	async loaded(updates: readonly Uint8Array[], generation: number, onBadRow: (error: unknown) => void): Promise<boolean> {
		this.#generation = generation;
		const stop = () => this.#destroyed;
		await applySliced(this.doc, updates, DURABLE, onBadRow, stop);
		// Rows that failed above fail here too, and were reported once.
		await applySliced(this.#ingest, updates, DURABLE, () => undefined, stop);
		if (this.#destroyed) return false;
		this.#watchDoc();
		this.#watchIngest(this.#ingest);
		this.#rows = updates.length;
		// From above, as the estimate is meant to be: a log is never smaller encoded as one update.
		this.#bytes = updates.reduce((sum, u) => sum + u.length, 0);
		const pending = this.#pending;
		this.#pending = [];
		for (const message of pending) this.#applyRelayed(message.kind, message.payload);
		this.#ready = true;
		return true;
	}

	/** Applies rows read from the database (or re-read after a fan-out outage). */
	applyStored(updates: readonly Uint8Array[], onBadRow: (error: unknown) => void): void {
		for (const update of updates) {
			try {
				this.#applyDurable(update);
			} catch (e) {
				onBadRow(e);
			}
		}
	}

	/** Something another instance relayed; kept for later while the log is being read. */
	relayed(kind: RelayedKind, payload: Uint8Array): void {
		if (this.#ready) this.#applyRelayed(kind, payload);
		else this.#pending.push({ kind, payload });
	}

	#applyRelayed(kind: RelayedKind, payload: Uint8Array): void {
		if (kind === 'update') {
			this.#applyDurable(payload);
			// Another instance saved it: one more row in the shared log.
			this.#rows++;
			this.#bytes += payload.length;
		} else {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, DURABLE);
		}
	}

	/** A change that is durable already: straight into both copies. */
	#applyDurable(update: Uint8Array): void {
		Y.applyUpdate(this.#ingest, update, DURABLE);
		Y.applyUpdate(this.doc, update, DURABLE);
	}

	/** An edit from a connection; it reaches other clients once it is `saved`. */
	receive(update: Uint8Array, peer: Peer): void {
		Y.applyUpdate(this.#ingest, update, peer.origin);
	}

	/** An accepted edit is in the database: into the durable copy, and so to every client. */
	saved(update: Uint8Array, origin: Peer | null): void {
		this.#rows++;
		this.#bytes += update.length;
		Y.applyUpdate(this.doc, update, origin?.origin ?? SERVER);
	}

	/**
	 * Whether the document stays within `maxBytes` with `update` added. The running estimate
	 * only grows; near the limit the document (with edits waiting to be saved) is measured.
	 */
	fits(update: Uint8Array, maxBytes: number): boolean {
		if (this.#bytes + update.length <= maxBytes) return true;
		this.#bytes = Y.encodeStateAsUpdate(this.#ingest).length;
		return this.#bytes + update.length <= maxBytes;
	}

	/**
	 * A connection may set or remove only presence of its own: ids it announced, ids nobody
	 * holds, or ids held by the same user (a reconnect whose old socket is not gone yet, or
	 * one that moved from another instance).
	 */
	mayAnnounce(peer: Peer, clients: readonly number[]): boolean {
		return clients.every((id) => {
			if (peer.awarenessIds.has(id) || !this.awareness.states.has(id)) return true;
			const holder = [...this.#peers].find((p) => p.awarenessIds.has(id));
			if (holder) return holder.userId === peer.userId;
			return (this.awareness.states.get(id) as { user?: { id?: unknown } }).user?.id === peer.userId;
		});
	}

	/** Rows added since the last compaction, which may have made more of the log foldable. */
	get rowsSinceCompaction(): number {
		return this.#rows - this.#rowsAfterCompaction;
	}

	/** `removed` rows of the log were folded into others. */
	compacted(removed: number): void {
		this.#rows = Math.max(1, this.#rows - removed);
		this.#rowsAfterCompaction = this.#rows;
	}

	/**
	 * Persisting failed: forget the edits that were not saved by rebuilding `ingest` from the
	 * durable state plus `queued` (edits still waiting for the next write). Their senders are
	 * disconnected; on reconnect they send them again.
	 */
	resetIngest(queued: readonly Uint8Array[]): void {
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(this.doc), DURABLE);
		for (const update of queued) Y.applyUpdate(fresh, update, DURABLE);
		this.#ingest.destroy();
		this.#ingest = fresh;
		this.#watchIngest(fresh);
	}

	/** A connection's presence message. */
	applyAwareness(update: Uint8Array, peer: Peer): void {
		awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer.origin);
	}

	/** Sync step 2 for a client holding `stateVector`: what the document has that it lacks. */
	syncReply(stateVector: Uint8Array): Uint8Array {
		const key = Buffer.from(stateVector).toString('base64');
		const cached = this.#replies.get(key);
		if (cached) return cached;
		const reply = encodeSyncStep2(this.doc, stateVector);
		if (this.#replyBytes + reply.length <= MAX_CACHED_REPLY_BYTES) {
			this.#replies.set(key, reply);
			this.#replyBytes += reply.length;
		}
		return reply;
	}

	/** Starts the sync handshake with a newly admitted connection. */
	greet(peer: Peer): void {
		this.#greeting ??= encodeSyncStep1(this.doc);
		peer.send(this.#greeting);
		const present = [...this.awareness.getStates().keys()];
		if (present.length > 0) peer.send(encodeAwarenessStates(this.awareness, present));
	}

	join(peer: Peer): void {
		this.cancelUnload();
		this.#peers.add(peer);
	}

	leave(peer: Peer): void {
		this.#peers.delete(peer);
		if (peer.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], peer.origin);
		}
	}

	/** Runs `unload` after `ms` unless someone joins first; one timer at a time. */
	scheduleUnload(ms: number, unload: () => void): void {
		if (this.#unloadTimer) return;
		this.#unloadTimer = setTimeout(() => {
			this.#unloadTimer = null;
			unload();
		}, ms);
	}

	cancelUnload(): void {
		if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
		this.#unloadTimer = null;
	}

	destroy(): void {
		this.#destroyed = true;
		this.cancelUnload();
		if (this.#renewalTimer) clearTimeout(this.#renewalTimer);
		this.awareness.destroy();
		this.#ingest.destroy();
		this.doc.destroy();
	}
}
