// The live board's real-time server: the y-websocket protocol on `/yjs/<docName>`, spoken
// by the stock `WebsocketProvider`, on the app's own HTTP server (production entry and the
// Vite dev server alike).
//
// An edit travels: client → `ingest` copy of the document (validates it, keeps what is new)
// → group commit into BoardUpdate → durable copy → other clients and, over Redis, other
// instances. Nothing reaches another client before it is in the database.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { resolveDatabase, type DatabaseProvider } from '../../prisma/database';
import { getDb, type Db } from '../../src/lib/server/db';
import { onAccessChanged, type AccessChange } from '../../src/lib/server/auth/access-events';
import { recheckAccess, type Verdict } from './access';
import { admit, BOARD_PATH_PREFIX, CLOSE, type Admission, type Refusal } from './admission';
import { connectRedisFanout, type Fanout, type FanoutKind } from './fanout';
import type { Logger } from './log';
import { createBoardStore, GroupCommit } from './persistence';
import {
	decodeClientMessage,
	encodeAwarenessStates,
	encodeSyncStep2,
	isEmptyUpdate,
	type ClientMessage
} from './protocol';
import { Peer, Room, type RoomHost } from './room';

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
	/** Compact a document once its log has more rows than this. */
	compactAfterRows?: number;
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

export interface BoardServer {
	/** Resolves when every edit accepted so far is in the database. */
	flush(): Promise<void>;
	/** Closes every board connection (1001), persists what is pending and lets go of Redis. */
	close(): Promise<void>;
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

function bytesOf(data: RawData): Uint8Array {
	// Copied: `ws` hands out views of pooled buffers, and updates outlive the message.
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	return new Uint8Array(data);
}

function refuse(ws: WebSocket, refusal: Refusal): void {
	if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(refusal.code, refusal.reason);
}

export function attachBoardServer(httpServer: Server, options: BoardServerOptions = {}): BoardServer {
	const db = options.db ?? getDb();
	const log = options.log ?? console;
	const store = createBoardStore(db, options.provider ?? resolveDatabase(process.env).provider);
	const allowedOrigins = options.allowedOrigins ?? (process.env.ORIGIN ? [process.env.ORIGIN] : []);
	const compactAfterRows = options.compactAfterRows ?? 500;
	const unloadAfterMs = options.unloadAfterMs ?? 10_000;

	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
	const rooms = new Map<string, Room>();
	/** Documents being let go of; loading one again waits until its Redis channel is released. */
	const unloading = new Map<string, Promise<void>>();
	/** Every open socket and whether it answered the last ping. */
	const alive = new Map<WebSocket, boolean>();
	let closed = false;

	let relay: Fanout | null = null;
	const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
	const relayReady: Promise<Fanout | null> = redisUrl
		? connectRedisFanout(redisUrl, randomUUID(), { message: onRelayed, resumed: resync, accessChanged: (change) => void recheck(change) }, log).then(
				(f) => (relay = f)
			)
		: Promise.resolve(null);
	relayReady.catch((e) => log.error('board: could not set up the Redis fan-out', e));

	const host: RoomHost = {
		persist: (room, update, origin) => commit.push({ docName: room.name, update, room, origin }),
		publish: (room, kind, payload) => relay?.publish(room.name, kind, payload),
		changed(room, update, origin) {
			if (!room.ready || !options.onUpdate) return;
			try {
				options.onUpdate(room.name, update, origin ? { userId: origin.userId } : null);
			} catch (e) {
				log.error(`board: onUpdate hook failed for ${room.name}`, e);
			}
		}
	};

	const commit = new GroupCommit<Write>((batch) => store.append(batch), settle, {
		delayMs: options.groupCommitMs ?? 0,
		maxBatch: MAX_BATCH_ROWS,
		log
	});

	function settle(batch: readonly Write[], error: unknown): void {
		if (!error) {
			for (const write of batch) {
				try {
					write.room.commit(write.update, write.origin);
				} catch (e) {
					// Cannot happen for a diff Yjs itself produced; the row is saved regardless.
					log.error(`board: applying a saved update to ${write.docName} failed`, e);
				}
				write.room.rows++;
				relay?.publish(write.docName, 'update', write.update);
			}
			for (const room of new Set(batch.map((w) => w.room))) {
				if (room.rows > compactAfterRows) void compact(room);
			}
			return;
		}
		log.error(`board: could not save ${batch.length} update(s); their senders will resend`, error);
		for (const room of new Set(batch.map((w) => w.room))) {
			for (const write of batch) if (write.room === room) write.origin?.close(CLOSE.notSaved.code, CLOSE.notSaved.reason);
			room.resetIngest(commit.queued().filter((w) => w.room === room).map((w) => w.update));
		}
	}

	async function compact(room: Room): Promise<void> {
		if (room.compacting) return;
		room.compacting = true;
		try {
			const removed = await store.compact(room.name);
			room.rows = Math.max(1, room.rows - removed);
		} catch (e) {
			// Another instance compacting at the same moment, or the database busy: next time.
			log.warn(`board: compacting ${room.name} failed: ${(e as Error).message}`);
		} finally {
			room.compacting = false;
		}
	}

	function openRoom(name: string): Room {
		const existing = rooms.get(name);
		if (existing) {
			if (existing.unloadTimer) clearTimeout(existing.unloadTimer);
			existing.unloadTimer = null;
			return existing;
		}
		const room = new Room(name, host);
		rooms.set(name, room);
		void loadRoom(room);
		return room;
	}

	async function loadRoom(room: Room): Promise<void> {
		try {
			await unloading.get(room.name);
			// Subscribe before reading the log: whatever is saved after the read is then
			// relayed to us, and updates seen twice are harmless to Yjs.
			await (await relayReady)?.subscribe(room.name);
			const updates = await store.load(room.name);
			if (rooms.get(room.name) !== room) {
				if (!rooms.has(room.name)) await relay?.unsubscribe(room.name);
				return;
			}
			room.applyStored(updates, (e) => log.error(`board: skipped an unreadable row of ${room.name}`, e));
			room.rows = updates.length;
			for (const message of room.pending) applyRelayed(room, message.kind, message.payload);
			room.pending = [];
			room.ready = true;
			if (room.rows > compactAfterRows) void compact(room);
			try {
				options.onDocLoaded?.(room.name, room.doc);
			} catch (e) {
				log.error(`board: onDocLoaded hook failed for ${room.name}`, e);
			}
			for (const peer of room.peers) startPeer(room, peer);
		} catch (e) {
			if (closed) return;
			log.error(`board: could not load ${room.name}`, e);
			if (rooms.get(room.name) === room) rooms.delete(room.name);
			for (const peer of room.peers) peer.close(CLOSE.serverError.code, CLOSE.serverError.reason);
			room.destroy();
		}
	}

	function leaveRoom(room: Room, peer: Peer): void {
		if (closed) return;
		room.leave(peer);
		if (room.peers.size === 0 && !room.unloadTimer) {
			room.unloadTimer = setTimeout(() => void unloadRoom(room), unloadAfterMs);
		}
	}

	async function unloadRoom(room: Room): Promise<void> {
		room.unloadTimer = null;
		if (room.peers.size > 0 || rooms.get(room.name) !== room) return;
		await commit.drain();
		// Someone may have opened the board while its last edits were being saved.
		if (room.peers.size > 0 || rooms.get(room.name) !== room || closed) return;
		rooms.delete(room.name);
		room.destroy();
		const released = release(room).finally(() => {
			if (unloading.get(room.name) === released) unloading.delete(room.name);
		});
		unloading.set(room.name, released);
	}

	async function release(room: Room): Promise<void> {
		try {
			await relay?.unsubscribe(room.name);
			if (room.rows > 1) await compact(room);
		} catch (e) {
			log.warn(`board: releasing ${room.name}: ${(e as Error).message}`);
		}
	}

	function onRelayed(docName: string, kind: FanoutKind, payload: Uint8Array): void {
		const room = rooms.get(docName);
		if (!room) return;
		if (room.ready) applyRelayed(room, kind, payload);
		else room.pending.push({ kind, payload });
	}

	function applyRelayed(room: Room, kind: FanoutKind, payload: Uint8Array): void {
		try {
			if (kind === 'update') {
				room.applyDurable(payload);
				// Another instance saved it: one more row in the shared log.
				room.rows++;
			} else {
				room.applyRemoteAwareness(payload);
			}
		} catch (e) {
			log.error(`board: bad relayed ${kind} for ${room.name}`, e);
		}
	}

	/** Redis was unreachable for a while: relayed updates may be missing, so re-read the logs. */
	function resync(): void {
		for (const room of rooms.values()) {
			if (!room.ready) continue;
			store
				.load(room.name)
				.then((updates) => {
					if (rooms.get(room.name) === room) {
						room.applyStored(updates, (e) => log.error(`board: skipped an unreadable row of ${room.name}`, e));
					}
				})
				.catch((e) => log.error(`board: resync of ${room.name} failed`, e));
		}
	}

	function startPeer(room: Room, peer: Peer): void {
		room.greet(peer);
		const early = peer.early ?? [];
		peer.early = null;
		for (const frame of early) {
			if (!peer.open) return;
			handleFrame(room, peer, frame);
		}
	}

	function handleFrame(room: Room, peer: Peer, frame: Uint8Array): void {
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
				peer.send(encodeSyncStep2(room.doc, message.stateVector));
				return;
			case 'update':
				if (peer.access !== 'edit') {
					dropReadOnly(room, peer, message.update, message.reply);
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
				awarenessProtocol.applyAwarenessUpdate(room.awareness, message.update, peer);
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
	function dropReadOnly(room: Room, peer: Peer, update: Uint8Array, reply: boolean): void {
		if (peer.warnedReadOnly || isEmptyUpdate(update)) return;
		if (reply && Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(room.doc))).structs.length === 0) return;
		peer.warnedReadOnly = true;
		log.warn(`board: dropping edits from read-only user ${peer.userId} on ${room.name} (logged once per connection)`);
	}

	async function accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
		alive.set(ws, true);
		ws.on('pong', () => alive.set(ws, true));
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
				if (joined && joined.peer.early === null) return handleFrame(joined.room, joined.peer, frame);
				earlyBytes += frame.length;
				if (earlyBytes > MAX_EARLY_BYTES) return refuse(ws, CLOSE.tooEarly);
				early.push(frame);
			} catch (e) {
				log.error('board: handling a message failed', e);
				refuse(ws, CLOSE.serverError);
			}
		});
		ws.on('close', () => {
			alive.delete(ws);
			if (joined) leaveRoom(joined.room, joined.peer);
		});

		let admission: Admission;
		try {
			admission = await admit(db, req, allowedOrigins);
		} catch (e) {
			log.error('board: admission failed', e);
			return refuse(ws, CLOSE.serverError);
		}
		if (!admission.ok) return refuse(ws, admission.refusal);
		if (ws.readyState !== ws.OPEN || closed) return;
		const room = openRoom(admission.docName);
		const peer = new Peer(ws, { sessionId: admission.sessionId, userId: admission.userId, roundId: admission.roundId }, admission.access);
		peer.early = early;
		room.peers.add(peer);
		joined = { room, peer };
		if (room.ready) startPeer(room, peer);
	}

	/**
	 * Re-checks the connections `change` concerns: signed out or expired sessions and
	 * switched-off users are closed with 4401, those who lost the round with 4403, editors
	 * who can still read are kept as readers.
	 */
	async function recheck({ sessionIds, userIds }: AccessChange): Promise<void> {
		const concerned = (peer: Peer) =>
			(!sessionIds && !userIds) || !!sessionIds?.includes(peer.holder.sessionId) || !!userIds?.includes(peer.holder.userId);
		const peers = [...rooms.values()].flatMap((room) => [...room.peers].map((peer) => ({ room, peer }))).filter(({ peer }) => peer.open && concerned(peer));
		if (peers.length === 0) return;
		let verdicts: Verdict[];
		try {
			verdicts = await recheckAccess(db, peers.map(({ peer }) => peer.holder));
		} catch (e) {
			// The database is away: keep what admission granted, and try again next time.
			log.warn(`board: re-checking access failed: ${(e as Error).message}`);
			return;
		}
		peers.forEach(({ room, peer }, i) => {
			const verdict = verdicts[i];
			if (verdict === 'unauthenticated') return peer.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason);
			if (verdict === 'forbidden') return peer.close(CLOSE.forbidden.code, CLOSE.forbidden.reason);
			if (verdict === 'read' && peer.access === 'edit') {
				peer.access = 'read';
				log.info(`board: user ${peer.userId} may only read ${room.name} now; their edits are dropped from here on`);
			}
		});
	}

	let sweeping = false;
	const accessSweep = setInterval(() => {
		if (sweeping) return;
		sweeping = true;
		void recheck({}).finally(() => (sweeping = false));
	}, options.recheckAccessEveryMs ?? 20_000);
	const stopListening = onAccessChanged((change) => {
		relay?.publishAccessChange(change);
		void recheck(change);
	});

	function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
		// Vite's HMR socket shares the dev server: only board paths are ours.
		if (!req.url?.startsWith(BOARD_PATH_PREFIX)) return;
		if (closed) {
			socket.destroy();
			return;
		}
		try {
			wss.handleUpgrade(req, socket, head, (ws) => {
				accept(ws, req).catch((e) => {
					log.error('board: accepting a connection failed', e);
					refuse(ws, CLOSE.serverError);
				});
			});
		} catch (e) {
			log.error('board: websocket upgrade failed', e);
			socket.destroy();
		}
	}
	httpServer.on('upgrade', onUpgrade);

	const pinger = setInterval(() => {
		for (const [ws, answered] of alive) {
			if (!answered) {
				ws.terminate();
				continue;
			}
			alive.set(ws, false);
			try {
				ws.ping();
			} catch {
				ws.terminate();
			}
		}
	}, options.pingEveryMs ?? 30_000);
	const compactor = setInterval(() => {
		for (const room of rooms.values()) if (room.ready && room.rows > 1) void compact(room);
	}, options.compactEveryMs ?? 10 * 60_000);
	// Housekeeping alone must not keep a process alive.
	pinger.unref();
	compactor.unref();
	accessSweep.unref();

	let closing: Promise<void> | null = null;
	return {
		flush: () => commit.drain(),
		close() {
			closing ??= (async () => {
				closed = true;
				httpServer.off('upgrade', onUpgrade);
				clearInterval(pinger);
				clearInterval(compactor);
				clearInterval(accessSweep);
				stopListening();
				const sockets = [...alive.keys()];
				const gone = Promise.all(sockets.map((ws) => new Promise((resolve) => ws.once('close', resolve))));
				for (const ws of sockets) refuse(ws, CLOSE.shuttingDown);
				await commit.drain();
				// Clients answer the close frame at once; the ones that do not are cut off.
				let grace: ReturnType<typeof setTimeout> | undefined;
				await Promise.race([gone, new Promise((resolve) => (grace = setTimeout(resolve, 1000)))]);
				clearTimeout(grace);
				for (const ws of alive.keys()) ws.terminate();
				for (const room of rooms.values()) room.destroy();
				rooms.clear();
				await Promise.allSettled(unloading.values());
				store.close();
				await relayReady.then((f) => f?.close()).catch(() => undefined);
				await new Promise<void>((resolve) => wss.close(() => resolve()));
			})();
			return closing;
		}
	};
}
