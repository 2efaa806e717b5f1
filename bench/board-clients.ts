// bench:board's client side: one process hosting a share of the clients, driven by
// bench/board.ts over IPC.
//
// Every client is a stock provider (y-websocket's or Hocuspocus's) on its own socket: it
// syncs, edits, keeps its presence alive and echoes presence as the stock client does.
// Observers also apply every update they receive to their Y.Doc and time it; the other
// clients count each live update at their socket and drop it before their provider sees
// it. Applying an update to a document 200 clients have written costs Yjs about 0.1 ms,
// which 200 browsers pay on 200 machines; paid by 200 clients sharing this machine's two
// cores with the server, it would be most of what the bench measures. The server's work
// is the same either way: it receives, persists and sends every frame to every socket.
//
// Edits carry the absolute time they were made (`performance.timeOrigin +
// performance.now()`, one clock for every process on the machine); observers time the
// arrival against the same clock.
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** What the clients connect to; every server is driven by the same client code. */
export type ClientTarget =
	| { kind: 'y-websocket'; urls: string[]; docName: string; cookie?: string }
	| { kind: 'hocuspocus'; url: string; docName: string }
	| { kind: 'echo'; url: string };

export type ToClients =
	| { type: 'connect'; target: ClientTarget; indices: number[]; observers: number[] }
	| { type: 'clock' }
	| {
			type: 'run';
			/** Absolute times (ms): client i of `total` first edits at startAt + i·editEveryMs/total. */
			startAt: number;
			editEveryMs: number;
			total: number;
			measureFrom: number;
			measureTo: number;
			/** Count only deliveries between clients of different instances (client i is on instance i % n). */
			acrossInstances: number | null;
	  }
	| { type: 'close' };

export type FromClients =
	| { type: 'synced' }
	| { type: 'clock'; now: number }
	/** Observers' latencies, and every client's deliveries. */
	| { type: 'result'; latencies: Float64Array; deliveries: number };

export const clock = () => performance.timeOrigin + performance.now();

interface Client {
	synced(): boolean;
	edit(): void;
	close(): void;
}

/** A delivery from client `from`; `latencyMs` when an observer timed it. */
type Deliver = (from: number, latencyMs: number | null) => void;

const messageSync = 0;
const messageYjsUpdate = 2;

/**
 * The `ws` client as the providers expect it (Cookie header included), except that a
 * counting client's live document updates go to `dropped` instead of the provider.
 * `prefix` is how many bytes precede the sync message in a frame (Hocuspocus names the
 * document first).
 */
function providerSocket(cookie: string | undefined, counting: { prefix: number; dropped: (update: Uint8Array) => void } | null) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {} });
		}

		emit(event: string | symbol, ...args: unknown[]): boolean {
			if (counting && event === 'message') {
				const data = args[0];
				const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : (data as Uint8Array);
				if (bytes[counting.prefix] === messageSync && bytes[counting.prefix + 1] === messageYjsUpdate) {
					counting.dropped(decoding.readVarUint8Array(decoding.createDecoder(bytes.subarray(counting.prefix + 2))));
					return true;
				}
			}
			return super.emit(event, ...args);
		}
	};
}

/** The bench's edits: one new key `<client>:<seq>` on the map "bench", holding the time of the edit. */
function editorOf(update: Uint8Array): number | null {
	for (const struct of Y.decodeUpdate(update).structs) {
		if (struct instanceof Y.Item && struct.parentSub) return Number(struct.parentSub.split(':')[0]);
	}
	return null;
}

function yjsClient(doc: Y.Doc, index: number, observe: Deliver | null, synced: () => boolean, close: () => void): Client {
	const map = doc.getMap<number>('bench');
	let seq = 0;
	if (observe) {
		map.observe((event) => {
			if (event.transaction.local) return;
			const now = clock();
			for (const key of event.keysChanged) {
				const sent = map.get(key);
				if (sent !== undefined) observe(Number(key.split(':')[0]), now - sent);
			}
		});
	}
	return { synced, edit: () => map.set(`${index}:${seq++}`, clock()), close };
}

function connect(target: ClientTarget, index: number, observer: boolean, deliver: Deliver): Client {
	if (target.kind === 'echo') {
		const ws = new WebSocket(`${target.url}/bench`);
		let open = false;
		ws.on('open', () => (open = true));
		ws.on('message', (data) => {
			const [from, sent] = String(data).split(':').map(Number);
			deliver(from, observer ? clock() - sent : null);
		});
		return { synced: () => open, edit: () => ws.send(`${index}:${clock()}`), close: () => ws.close() };
	}
	const counting = (prefix: number) =>
		observer
			? null
			: {
					prefix,
					dropped: (update: Uint8Array) => {
						const from = editorOf(update);
						if (from !== null) deliver(from, null);
					}
				};
	const doc = new Y.Doc();
	if (target.kind === 'hocuspocus') {
		const prefix = 1 + Buffer.byteLength(target.docName);
		// The socket options are passed through to the provider's own socket, one per provider like a browser tab.
		const options = {
			url: target.url,
			WebSocketPolyfill: providerSocket(undefined, counting(prefix)),
			name: target.docName,
			document: doc
		};
		const provider = new HocuspocusProvider(options as ConstructorParameters<typeof HocuspocusProvider>[0]);
		return yjsClient(
			doc,
			index,
			observer ? deliver : null,
			() => provider.isSynced,
			() => provider.destroy()
		);
	}
	const provider = new WebsocketProvider(target.urls[index % target.urls.length], target.docName, doc, {
		WebSocketPolyfill: providerSocket(target.cookie, counting(0)) as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	return yjsClient(
		doc,
		index,
		observer ? deliver : null,
		() => provider.synced,
		() => provider.destroy()
	);
}

// Every y-websocket provider listens for the process's exit.
process.setMaxListeners(0);

const send = (message: FromClients) => process.send?.(message);
let clients: { index: number; client: Client }[] = [];
let latencies: number[] = [];
let deliveries = 0;
let window: { from: number; to: number; acrossInstances: number | null } | null = null;
const timers: ReturnType<typeof setTimeout>[] = [];

function deliverTo(index: number): Deliver {
	return (from, latencyMs) => {
		const now = clock();
		// Some servers send an update back to its sender too; that is no delivery.
		if (!window || now < window.from || now > window.to || from === index) return;
		if (window.acrossInstances && from % window.acrossInstances === index % window.acrossInstances) return;
		deliveries++;
		if (latencyMs !== null) latencies.push(latencyMs);
	};
}

process.on('message', async (message: ToClients) => {
	switch (message.type) {
		case 'connect': {
			const observers = new Set(message.observers);
			clients = message.indices.map((index) => ({ index, client: connect(message.target, index, observers.has(index), deliverTo(index)) }));
			const deadline = Date.now() + 30_000;
			while (!clients.every((c) => c.client.synced())) {
				if (Date.now() > deadline) {
					console.error('clients did not connect within 30 s');
					process.exit(1);
				}
				await new Promise((r) => setTimeout(r, 20));
			}
			return send({ type: 'synced' });
		}
		case 'clock':
			return send({ type: 'clock', now: clock() });
		case 'run': {
			const { startAt, editEveryMs, total } = message;
			latencies = [];
			deliveries = 0;
			window = { from: message.measureFrom, to: message.measureTo, acrossInstances: message.acrossInstances };
			for (const { index, client } of clients) {
				const first = startAt + (index * editEveryMs) / total;
				timers.push(
					setTimeout(() => {
						client.edit();
						timers.push(setInterval(() => client.edit(), editEveryMs));
					}, first - clock())
				);
			}
			setTimeout(() => {
				for (const t of timers) clearInterval(t);
				send({ type: 'result', latencies: Float64Array.from(latencies), deliveries });
			}, message.measureTo - clock());
			return;
		}
		case 'close':
			for (const { client } of clients) client.close();
			setTimeout(() => process.exit(0), 100);
	}
});
