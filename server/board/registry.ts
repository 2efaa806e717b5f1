// The loaded board documents of one instance and their lifecycle: a room is opened when
// its first connection is admitted, loaded from the log (subscribed to the other
// instances first), unloaded a while after its last connection left, and released —
// unsubscribed and compacted — before it may be loaded again.
import type * as Y from 'yjs';
import type { Fanout } from './fanout';
import type { Logger } from './log';
import type { BoardStore, RollbackWindow } from './persistence';
import { Room, type RelayedKind, type RoomHost } from './room';

export interface RoomRegistryOptions {
	store: BoardStore;
	/** The Redis fan-out once connected; null for a single instance. */
	relay: () => Promise<Fanout | null>;
	host: RoomHost;
	log: Logger;
	/** Compact a document once this many rows were added since its last compaction. */
	compactAfterRows: number;
	/** The newest rows that compaction leaves as they are, for rollbacks. */
	rollbackWindow: RollbackWindow;
	/** Keep a document without connections in memory this long. */
	unloadAfterMs: number;
	/** Resolves once every accepted edit is saved; unloading waits for it. */
	drain: () => Promise<void>;
	/** The room's log is loaded and its connections may be served. */
	ready(room: Room): void;
	/** Loading failed; the room is gone and its connections must be told. */
	failed(room: Room): void;
	onDocLoaded?(docName: string, doc: Y.Doc): void;
}

export class RoomRegistry {
	readonly #rooms = new Map<string, Room>();
	/** Documents being let go of; loading one again waits until its Redis channel is released. */
	readonly #unloading = new Map<string, Promise<void>>();
	readonly #compacting = new Set<Room>();
	#closed = false;

	constructor(private readonly options: RoomRegistryOptions) {}

	rooms(): IterableIterator<Room> {
		return this.#rooms.values();
	}

	/** The loaded room for `name`, if any. */
	get(name: string): Room | undefined {
		return this.#rooms.get(name);
	}

	/** The room for `name`, loading it when it is not loaded yet. */
	open(name: string): Room {
		const existing = this.#rooms.get(name);
		if (existing) {
			existing.cancelUnload();
			return existing;
		}
		const room = new Room(name, this.options.host);
		this.#rooms.set(name, room);
		void this.#load(room);
		return room;
	}

	async #load(room: Room): Promise<void> {
		const { store, log } = this.options;
		try {
			await this.#unloading.get(room.name);
			const relay = await this.options.relay();
			// Subscribe before reading the log: whatever is saved after the read is then
			// relayed to us, and updates seen twice are harmless to Yjs.
			await relay?.subscribe(room.name);
			const { updates, generation } = await store.load(room.name);
			if (this.#rooms.get(room.name) !== room) {
				if (!this.#rooms.has(room.name)) await relay?.unsubscribe(room.name);
				return;
			}
			const served = await room.loaded(updates, generation, (e) => log.error(`board: skipped an unreadable row of ${room.name}`, e));
			if (!served || this.#rooms.get(room.name) !== room) {
				if (!this.#rooms.has(room.name)) await relay?.unsubscribe(room.name);
				return;
			}
			// Rows that left the rollback window while the board was not loaded are folded now,
			// so the next load replays less; with nothing to fold this is one small read.
			if (room.rows > 1) void this.compact(room);
			try {
				this.options.onDocLoaded?.(room.name, room.doc);
			} catch (e) {
				log.error(`board: onDocLoaded hook failed for ${room.name}`, e);
			}
			this.options.ready(room);
		} catch (e) {
			if (this.#closed) return;
			log.error(`board: could not load ${room.name}`, e);
			if (this.#rooms.get(room.name) === room) this.#rooms.delete(room.name);
			this.options.failed(room);
			room.destroy();
		}
	}

	/** A connection left; the room is unloaded if nobody joins it for a while. */
	left(room: Room): void {
		if (this.#closed || room.peers.size > 0) return;
		room.scheduleUnload(this.options.unloadAfterMs, () => void this.#unload(room));
	}

	async #unload(room: Room): Promise<void> {
		if (room.peers.size > 0 || this.#rooms.get(room.name) !== room) return;
		await this.options.drain();
		// Someone may have opened the board while its last edits were being saved.
		if (room.peers.size > 0 || this.#rooms.get(room.name) !== room || this.#closed) return;
		this.#forget(room, true);
	}

	/**
	 * Forgets the loaded copy of `name` at once (its connections must be closed already): the
	 * next connection loads the log afresh. Used after the log was rolled back, so not compacted.
	 */
	discard(name: string): void {
		const room = this.#rooms.get(name);
		if (room) this.#forget(room, false);
	}

	#forget(room: Room, compact: boolean): void {
		this.#rooms.delete(room.name);
		room.destroy();
		const released = this.#release(room, compact).finally(() => {
			if (this.#unloading.get(room.name) === released) this.#unloading.delete(room.name);
		});
		this.#unloading.set(room.name, released);
	}

	async #release(room: Room, compact: boolean): Promise<void> {
		try {
			await (await this.options.relay())?.unsubscribe(room.name);
			if (compact && room.rows > 1) await this.compact(room);
		} catch (e) {
			this.options.log.warn(`board: releasing ${room.name}: ${(e as Error).message}`);
		}
	}

	compactIfLarge(room: Room): void {
		if (room.rowsSinceCompaction > this.options.compactAfterRows) void this.compact(room);
	}

	async compact(room: Room): Promise<void> {
		if (this.#compacting.has(room)) return;
		this.#compacting.add(room);
		try {
			room.compacted(await this.options.store.compact(room.name, this.options.rollbackWindow));
		} catch (e) {
			// Another instance compacting at the same moment, or the database busy: next time.
			this.options.log.warn(`board: compacting ${room.name} failed: ${(e as Error).message}`);
		} finally {
			this.#compacting.delete(room);
		}
	}

	/** Another instance relayed an update or presence for `docName`. */
	relayed(docName: string, kind: RelayedKind, payload: Uint8Array): void {
		const room = this.#rooms.get(docName);
		if (!room) return;
		try {
			room.relayed(kind, payload);
		} catch (e) {
			this.options.log.error(`board: bad relayed ${kind} for ${room.name}`, e);
		}
	}

	/** Redis was unreachable for a while: relayed updates may be missing, so re-read the logs. */
	resync(): void {
		const { store, log } = this.options;
		for (const room of this.#rooms.values()) {
			if (!room.ready) continue;
			store
				.load(room.name)
				.then(({ updates }) => {
					if (this.#rooms.get(room.name) === room) {
						room.applyStored(updates, (e) => log.error(`board: skipped an unreadable row of ${room.name}`, e));
					}
				})
				.catch((e) => log.error(`board: resync of ${room.name} failed`, e));
		}
	}

	/** The server is shutting down: nothing is loaded or unloaded any more. */
	stop(): void {
		this.#closed = true;
	}

	/** Destroys every room and waits until those being unloaded are released. */
	async close(): Promise<void> {
		this.stop();
		for (const room of this.#rooms.values()) room.destroy();
		this.#rooms.clear();
		await Promise.allSettled(this.#unloading.values());
	}
}
