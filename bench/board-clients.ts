// bench:board's client side: one process hosting a share of the clients, driven by
// bench/board.ts over IPC. Clients live in several such processes so that no single thread
// decodes every delivery of the run; edits carry the absolute time they were made
// (`performance.timeOrigin + performance.now()`, one clock for every process on the
// machine), and the receiving process times the arrival against the same clock.
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** What the clients connect to; every server is driven by the same client code. */
export type ClientTarget =
	| { kind: 'y-websocket'; urls: string[]; docName: string; cookie?: string }
	| { kind: 'hocuspocus'; url: string; docName: string }
	| { kind: 'echo'; url: string };

export type ToClients =
	| { type: 'connect'; target: ClientTarget; indices: number[] }
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
	| { type: 'result'; latencies: Float64Array };

export const clock = () => performance.timeOrigin + performance.now();

interface Client {
	synced(): boolean;
	edit(): void;
	close(): void;
}
type Deliver = (latencyMs: number, from: number) => void;

function cookieSocket(cookie: string | undefined): typeof globalThis.WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {} });
		}
	} as unknown as typeof globalThis.WebSocket;
}

/** A Yjs client: each edit writes the send time under its own key; observers time the arrival. */
function yjsClient(doc: Y.Doc, index: number, deliver: Deliver, synced: () => boolean, close: () => void): Client {
	const map = doc.getMap<number>('bench');
	let seq = 0;
	map.observe((event) => {
		if (event.transaction.local) return;
		const now = clock();
		for (const key of event.keysChanged) {
			const sent = map.get(key);
			if (sent !== undefined) deliver(now - sent, Number(key.split(':')[0]));
		}
	});
	return { synced, edit: () => map.set(`${index}:${seq++}`, clock()), close };
}

function connect(target: ClientTarget, index: number, deliver: Deliver): Client {
	if (target.kind === 'echo') {
		const ws = new WebSocket(`${target.url}/bench`);
		let open = false;
		ws.on('open', () => (open = true));
		ws.on('message', (data) => {
			const [from, sent] = String(data).split(':').map(Number);
			deliver(clock() - sent, from);
		});
		return { synced: () => open, edit: () => ws.send(`${index}:${clock()}`), close: () => ws.close() };
	}
	const doc = new Y.Doc();
	if (target.kind === 'hocuspocus') {
		// The socket options are passed through to the provider's own socket, one per provider like a browser tab.
		const options = { url: target.url, WebSocketPolyfill: WebSocket, name: target.docName, document: doc };
		const provider = new HocuspocusProvider(options as ConstructorParameters<typeof HocuspocusProvider>[0]);
		return yjsClient(doc, index, deliver, () => provider.isSynced, () => provider.destroy());
	}
	const provider = new WebsocketProvider(target.urls[index % target.urls.length], target.docName, doc, {
		WebSocketPolyfill: cookieSocket(target.cookie),
		disableBc: true
	});
	return yjsClient(doc, index, deliver, () => provider.synced, () => provider.destroy());
}

const send = (message: FromClients) => process.send?.(message);
let clients: { index: number; client: Client }[] = [];
let latencies: number[] = [];
let window: { from: number; to: number; acrossInstances: number | null } | null = null;
const timers: ReturnType<typeof setTimeout>[] = [];

function deliverTo(index: number): Deliver {
	return (latencyMs, from) => {
		const now = clock();
		if (!window || now < window.from || now > window.to) return;
		if (window.acrossInstances && from % window.acrossInstances === index % window.acrossInstances) return;
		latencies.push(latencyMs);
	};
}

process.on('message', async (message: ToClients) => {
	switch (message.type) {
		case 'connect': {
			clients = message.indices.map((index) => ({ index, client: connect(message.target, index, deliverTo(index)) }));
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
				send({ type: 'result', latencies: Float64Array.from(latencies) });
			}, message.measureTo - clock());
			return;
		}
		case 'close':
			for (const { client } of clients) client.close();
			setTimeout(() => process.exit(0), 100);
	}
});
