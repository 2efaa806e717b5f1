// The live board's real-time server: the y-websocket protocol on `/yjs/<docName>`, spoken
// by the stock `WebsocketProvider`, on the app's own HTTP server (production entry and the
// Vite dev server alike).
//
// An edit travels: client → `ingest` copy of the document (validates it, keeps what is new)
// → group commit into BoardUpdate → durable copy → other clients and, over Redis, other
// instances. Nothing reaches another client before it is in the database.
//
// Lifecycle: constructed = listening for upgrades; `close()` refuses new sockets, closes the
// open ones (1001), saves what is pending and lets go of Redis. The rooms live in a
// RoomRegistry, the open sockets' access is kept by an AccessMonitor.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { resolveDatabase, type DatabaseProvider } from '../../prisma/database';
import { claimedGeneration } from '../../src/lib/features/board/generation';
import { onBoardReset } from '../../src/lib/features/board/repair';
import { getDb, type Db } from '../../src/lib/server/db';
import { AccessMonitor } from './access-monitor';
import { Admissions, BOARD_PATH_PREFIX, CLOSE, type Admission, type Refusal } from './admission';
import { connectRedisFanout, type Fanout } from './fanout';
import type { Logger } from './log';
import { createBoardStore, GroupCommit, ROLLBACK_WINDOW, type BoardStore, type RollbackWindow } from './persistence';
import { decodeClientMessage, encodeAwarenessStates, isEmptyUpdate, type ClientMessage } from './protocol';
import { MAX_DOC_BYTES, MAX_UPDATE_BYTES } from './limits';
import { RoomRegistry } from './registry';
import { Peer, type Room, type RoomHost } from './room';

export interface BoardServerOptions {
	/** Defaults to the process's client (`getDb()`). */
	db?: Db;
	/** Which SQL dialect `db` speaks; defaults to the one DATABASE_URL selects. */
	provider?: DatabaseProvider;
	/** Redis for fan-out between instances; defaults to REDIS_URL. Unset: single instance. */
	redisUrl?: string;
	/** Origins allowed besides the request's own host; defaults to ORIGIN when set. */
	allowedOrigins?: string[];
	/** How long the first edit of a group commit waits for company; by default only until the event-loop turn ends. */
	groupCommitMs?: number;
	/** Compact a document once this many rows were added since its last compaction. */
	compactAfterRows?: number;
	/** The newest rows compaction leaves as they are, so that a rollback can still reach them. */
	rollbackWindow?: RollbackWindow;
	/** Also compact every loaded document this often. */
	compactEveryMs?: number;
	/** Keep a document without connections in memory this long. */
	unloadAfterMs?: number;
	/** Ping every connection this often; one that has not answered the last ping is dropped. */
	pingEveryMs?: number;
	/** Re-check every connection's session and access this often (and at once when told of a change). */
	recheckAccessEveryMs?: number;
	log?: Logger;
	/** A document was loaded; `doc` is its durable state, for reading (writes bypass persistence). */
	onDocLoaded?(docName: string, doc: Y.Doc): void;
	/** A durable change reached the document; `origin` is null for other instances and the server. */
	onUpdate?(docName: string, update: Uint8Array, origin: { userId: string } | null): void;
}

interface Write {
	docName: string;
	update: Uint8Array;
	room: Room;
	origin: Peer | null;
}

/** Frames a client may send before its board is loaded: a sync request and its presence. */
const MAX_EARLY_BYTES = 1024 * 1024;
const MAX_FRAME_BYTES = 32 * 1024 * 1024;
const MAX_BATCH_ROWS = 500;
/** Time spent starting connections per event-loop turn once their board has loaded. */
const START_SLICE_MS = 8;

function bytesOf(data: RawData): Uint8Array {
	// Copied: `ws` hands out views of pooled buffers, and updates outlive the message.
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	return new Uint8Array(data);
}

function refuse(ws: WebSocket, refusal: Refusal): void {
	if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(refusal.code, refusal.reason);
}

export class BoardServer {
	readonly #db: Db;
	readonly #log: Logger;
	readonly #store: BoardStore;
	readonly #admissions: Admissions;
	readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
	/** Every open socket and whether it answered the last ping. */
	readonly #alive = new Map<WebSocket, boolean>();
	readonly #relayReady: Promise<Fanout | null>;
	#relay: Fanout | null = null;
	readonly #commit: GroupCommit<Write>;
	readonly #rooms: RoomRegistry;
	readonly #access: AccessMonitor;
	readonly #pinger: ReturnType<typeof setInterval>;
	readonly #compactor: ReturnType<typeof setInterval>;
	readonly #onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(req, socket, head);
	readonly #stopResets: () => void;
	#closed = false;
	#closing: Promise<void> | null = null;

	constructor(
		private readonly httpServer: Server,
		private readonly options: BoardServerOptions = {}
	) {
		this.#db = options.db ?? getDb();
		const log = (this.#log = options.log ?? console);
		this.#store = createBoardStore(this.#db, options.provider ?? resolveDatabase(process.env).provider);
		this.#admissions = new Admissions(this.#db, options.allowedOrigins ?? (process.env.ORIGIN ? [process.env.ORIGIN] : []));

		const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
		this.#relayReady = redisUrl
			? connectRedisFanout(
					redisUrl,
					randomUUID(),
					{
						message: (docName, kind, payload) => this.#rooms.relayed(docName, kind, payload),
						resumed: () => this.#rooms.resync(),
						accessChanged: (change) => void this.#access.recheck(change),
						reset: (docName) => void this.#reset(docName)
					},
					log
				).then((f) => (this.#relay = f))
			: Promise.resolve(null);
		this.#relayReady.catch((e) => log.error('board: could not set up the Redis fan-out', e));

		const host: RoomHost = {
			persist: (room, update, origin) => this.#commit.push({ docName: room.name, update, room, origin }),
			publish: (room, kind, payload) => this.#relay?.publish(room.name, kind, payload),
			changed: (room, update, origin) => {
				if (!options.onUpdate) return;
				try {
					options.onUpdate(room.name, update, origin ? { userId: origin.userId } : null);
				} catch (e) {
					log.error(`board: onUpdate hook failed for ${room.name}`, e);
				}
			}
		};
		this.#commit = new GroupCommit<Write>(
			(batch) => this.#store.append(batch),
			(batch, error) => this.#settle(batch, error),
			{ delayMs: options.groupCommitMs ?? 0, maxBatch: MAX_BATCH_ROWS, log }
		);
		this.#rooms = new RoomRegistry({
			store: this.#store,
			relay: () => this.#relayReady,
			host,
			log,
			compactAfterRows: options.compactAfterRows ?? 500,
			rollbackWindow: options.rollbackWindow ?? ROLLBACK_WINDOW,
			unloadAfterMs: options.unloadAfterMs ?? 10_000,
			drain: () => this.#commit.drain(),
			ready: (room) => void this.#startAll(room),
			failed: (room) => {
				for (const peer of room.peers) peer.close(CLOSE.serverError.code, CLOSE.serverError.reason);
			},
			onDocLoaded: options.onDocLoaded
		});
		this.#access = new AccessMonitor({
			db: this.#db,
			log,
			rooms: () => this.#rooms.rooms(),
			broadcast: (change) => this.#relay?.publishAccessChange(change),
			everyMs: options.recheckAccessEveryMs ?? 20_000
		});

		this.#stopResets = onBoardReset(async (docName) => {
			this.#relay?.publishReset(docName);
			await this.#reset(docName);
		});
		httpServer.on('upgrade', this.#onUpgrade);
		this.#pinger = setInterval(() => this.#ping(), options.pingEveryMs ?? 30_000);
		this.#compactor = setInterval(
			() => {
				for (const room of this.#rooms.rooms()) if (room.ready && room.rows > 1) void this.#rooms.compact(room);
			},
			options.compactEveryMs ?? 10 * 60_000
		);
		// Housekeeping alone must not keep a process alive.
		this.#pinger.unref();
		this.#compactor.unref();
	}

	/** Resolves when every edit accepted so far is in the database. */
	flush(): Promise<void> {
		return this.#commit.drain();
	}

	/** Closes every board connection (1001), persists what is pending and lets go of Redis. */
	close(): Promise<void> {
		this.#closing ??= (async () => {
			this.#closed = true;
			this.#rooms.stop();
			this.httpServer.off('upgrade', this.#onUpgrade);
			clearInterval(this.#pinger);
			clearInterval(this.#compactor);
			this.#access.stop();
			this.#stopResets();
			const sockets = [...this.#alive.keys()];
			const gone = Promise.all(sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve))));
			for (const ws of sockets) refuse(ws, CLOSE.shuttingDown);
			await this.#commit.drain();
			// Clients answer the close frame at once; the ones that do not are cut off.
			let grace: ReturnType<typeof setTimeout> | undefined;
			await Promise.race([gone, new Promise((resolve) => (grace = setTimeout(resolve, 1000)))]);
			clearTimeout(grace);
			for (const ws of this.#alive.keys()) ws.terminate();
			await this.#rooms.close();
			this.#store.close();
			await this.#relayReady.then((f) => f?.close()).catch(() => undefined);
			await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
		})();
		return this.#closing;
	}

	/**
	 * The document's log was rolled back: close its sockets with 4409 (the browser drops its
	 * local copy), let what they sent be saved, and forget the loaded copy, so the next
	 * connection loads the log as it is now.
	 */
	async #reset(docName: string): Promise<void> {
		const room = this.#rooms.get(docName);
		if (!room) return;
		for (const peer of [...room.peers]) peer.close(CLOSE.rolledBack.code, CLOSE.rolledBack.reason);
		await this.#commit.drain();
		this.#rooms.discard(docName);
	}

	#settle(batch: readonly Write[], error: unknown): void {
		const log = this.#log;
		if (!error) {
			for (const write of batch) {
				try {
					write.room.saved(write.update, write.origin);
				} catch (e) {
					// Cannot happen for a diff Yjs itself produced; the row is saved regardless.
					log.error(`board: applying a saved update to ${write.docName} failed`, e);
				}
				this.#relay?.publish(write.docName, 'update', write.update);
			}
			for (const room of new Set(batch.map((w) => w.room))) this.#rooms.compactIfLarge(room);
			return;
		}
		log.error(`board: could not save ${batch.length} update(s); their senders will resend`, error);
		for (const room of new Set(batch.map((w) => w.room))) {
			for (const write of batch) if (write.room === room) write.origin?.close(CLOSE.notSaved.code, CLOSE.notSaved.reason);
			room.resetIngest(
				this.#commit
					.queued()
					.filter((w) => w.room === room)
					.map((w) => w.update)
			);
		}
	}

	/**
	 * The room is loaded: start every connection that waited for it, for a few milliseconds
	 * per event-loop turn, so that hundreds reconnecting at once after a restart do not hold
	 * the loop (those not started yet keep collecting their frames).
	 */
	async #startAll(room: Room): Promise<void> {
		let sliceStarted = performance.now();
		for (const peer of [...room.peers]) {
			if (!peer.open || !peer.waiting) continue;
			this.#start(room, peer);
			if (performance.now() - sliceStarted >= START_SLICE_MS) {
				await new Promise((resolve) => setImmediate(resolve));
				sliceStarted = performance.now();
			}
		}
	}

	/** The room is ready: greet the connection and act on what it sent meanwhile. */
	#start(room: Room, peer: Peer): void {
		// Checked before any of its frames is acted on: a copy from before a rollback (a tab
		// offline meanwhile) would otherwise bring the undone edits back.
		if (peer.generation !== room.generation) {
			peer.takeEarly();
			peer.close(CLOSE.staleGeneration.code, CLOSE.staleGeneration.reason);
			return;
		}
		room.greet(peer);
		for (const frame of peer.takeEarly()) {
			if (!peer.open) return;
			this.#handleFrame(room, peer, frame);
		}
	}

	#handleFrame(room: Room, peer: Peer, frame: Uint8Array): void {
		const log = this.#log;
		let message: ClientMessage;
		try {
			message = decodeClientMessage(frame);
		} catch (e) {
			log.warn(`board: malformed frame from user ${peer.userId} on ${room.name}: ${(e as Error).message}`);
			peer.close(CLOSE.malformed.code, CLOSE.malformed.reason);
			return;
		}
		switch (message.kind) {
			case 'sync-step1':
				peer.send(room.syncReply(message.stateVector));
				return;
			case 'update':
				if (peer.access !== 'edit') {
					this.#dropReadOnly(room, peer, message.update, message.reply);
					return;
				}
				// Refused before anything is persisted: one oversized edit would otherwise be
				// downloaded by everyone who opens the board, for good.
				if (message.update.length > MAX_UPDATE_BYTES) {
					log.warn(`board: refused a ${message.update.length}-byte update from user ${peer.userId} on ${room.name}`);
					peer.close(CLOSE.updateTooLarge.code, CLOSE.updateTooLarge.reason);
					return;
				}
				if (!room.fits(message.update, MAX_DOC_BYTES)) {
					log.warn(`board: refused an update from user ${peer.userId}: ${room.name} would pass ${MAX_DOC_BYTES} bytes`);
					peer.close(CLOSE.boardFull.code, CLOSE.boardFull.reason);
					return;
				}
				try {
					room.receive(message.update, peer);
				} catch (e) {
					log.warn(`board: update from user ${peer.userId} on ${room.name} rejected: ${(e as Error).message}`);
					peer.close(CLOSE.malformed.code, CLOSE.malformed.reason);
				}
				return;
			case 'awareness':
				if (!room.mayAnnounce(peer, message.clients)) {
					log.warn(`board: ignored presence of other clients sent by user ${peer.userId} on ${room.name}`);
					return;
				}
				room.applyAwareness(message.update, peer);
				return;
			case 'query-awareness':
				peer.send(encodeAwarenessStates(room.awareness, [...room.awareness.getStates().keys()]));
				return;
			case 'auth':
				return;
		}
	}

	/**
	 * Read-only users (leaders) keep their connection; their document updates are dropped.
	 * The first real edit attempt is logged: a sync reply that brings nothing new is routine.
	 */
	#dropReadOnly(room: Room, peer: Peer, update: Uint8Array, reply: boolean): void {
		if (peer.warnedReadOnly || isEmptyUpdate(update)) return;
		if (reply && Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(room.doc))).structs.length === 0) return;
		peer.warnedOfReadOnly();
		this.#log.warn(`board: dropping edits from read-only user ${peer.userId} on ${room.name} (logged once per connection)`);
	}

	async #accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
		const log = this.#log;
		this.#alive.set(ws, true);
		ws.on('pong', () => this.#alive.set(ws, true));
		ws.on('error', (e) => log.warn(`board: socket error: ${e.message}`));
		const early: Uint8Array[] = [];
		let earlyBytes = 0;
		let joined: { room: Room; peer: Peer } | null = null;
		ws.on('message', (data: RawData, isBinary: boolean) => {
			try {
				// Once we are closing a socket, whatever else it sent is not acted on.
				if (ws.readyState !== ws.OPEN) return;
				if (!isBinary) return refuse(ws, CLOSE.textFrame);
				const frame = bytesOf(data);
				if (joined && !joined.peer.waiting) return this.#handleFrame(joined.room, joined.peer, frame);
				earlyBytes += frame.length;
				if (earlyBytes > MAX_EARLY_BYTES) return refuse(ws, CLOSE.tooEarly);
				early.push(frame);
			} catch (e) {
				log.error('board: handling a message failed', e);
				refuse(ws, CLOSE.serverError);
			}
		});
		ws.on('close', () => {
			this.#alive.delete(ws);
			if (joined && !this.#closed) {
				joined.room.leave(joined.peer);
				this.#rooms.left(joined.room);
			}
		});

		let admission: Admission;
		try {
			admission = await this.#admissions.admit(req);
		} catch (e) {
			log.error('board: admission failed', e);
			return refuse(ws, CLOSE.serverError);
		}
		if (!admission.ok) return refuse(ws, admission.refusal);
		if (ws.readyState !== ws.OPEN || this.#closed) return;
		const room = this.#rooms.open(admission.docName);
		const peer = new Peer(
			ws,
			{ sessionId: admission.sessionId, userId: admission.userId, roundId: admission.roundId },
			admission.access,
			early,
			claimedGeneration(req.url)
		);
		room.join(peer);
		joined = { room, peer };
		if (room.ready) this.#start(room, peer);
	}

	#upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		// Vite's HMR socket shares the dev server: only board paths are ours.
		if (!req.url?.startsWith(BOARD_PATH_PREFIX)) return;
		if (this.#closed) {
			socket.destroy();
			return;
		}
		try {
			this.#wss.handleUpgrade(req, socket, head, (ws) => {
				this.#accept(ws, req).catch((e) => {
					this.#log.error('board: accepting a connection failed', e);
					refuse(ws, CLOSE.serverError);
				});
			});
		} catch (e) {
			this.#log.error('board: websocket upgrade failed', e);
			socket.destroy();
		}
	}

	#ping(): void {
		for (const [ws, answered] of this.#alive) {
			if (!answered) {
				ws.terminate();
				continue;
			}
			this.#alive.set(ws, false);
			try {
				ws.ping();
			} catch {
				ws.terminate();
			}
		}
	}
}
