// bench:board — update fan-out on loopback with 50, 100 and 200 connected clients, every
// client editing. In one run: Silverbridge's board server, @y/websocket-server,
// Hocuspocus and a bare websocket broadcast (the floor), each a process of its own; then
// two Silverbridge instances sharing a board through Redis (when REDIS_URL is set).
// Latency is measured from an edit being applied to another client observing it; all
// clients live in this process, so one clock serves both ends.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createBoardFixture, killAll, startServerProcess } from '../tests/realtime/harness';

// BENCH_BOARD_SIZES=10,20 runs a quick smaller pass.
const SIZES = (process.env.BENCH_BOARD_SIZES ?? '50,100,200').split(',').map(Number);
// A coordinator edits about every 5 s; BENCH_BOARD_EDIT_MS overrides it.
const EDIT_EVERY_MS = Number(process.env.BENCH_BOARD_EDIT_MS ?? 5000);
const WARMUP_MS = 2000;
const MEASURE_MS = 8000;
const root = path.resolve(import.meta.dirname, '..');

interface Client {
	synced(): boolean;
	edit(): void;
	close(): void;
}
type Deliver = (latencyMs: number, from: number, to: number) => void;
interface Server {
	pid: number;
	connect(index: number, deliver: Deliver): Client;
	stop(): Promise<void>;
}

const rssMb = (pid: number) => {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
	return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
};

/** A Yjs client: each edit writes the send time under its own key; observers time the arrival. */
function yjsClient(doc: Y.Doc, index: number, deliver: Deliver, synced: () => boolean, close: () => void): Client {
	const map = doc.getMap<number>('bench');
	let seq = 0;
	map.observe((event) => {
		if (event.transaction.local) return;
		const now = performance.now();
		for (const key of event.keysChanged) {
			const sent = map.get(key);
			if (sent !== undefined) deliver(now - sent, Number(key.split(':')[0]), index);
		}
	});
	return { synced, edit: () => map.set(`${index}:${seq++}`, performance.now()), close };
}

function cookieSocket(cookie: string): typeof globalThis.WebSocket {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	} as unknown as typeof globalThis.WebSocket;
}

async function startPeer(kind: 'y' | 'hocuspocus' | 'echo'): Promise<{ child: ChildProcess; port: number }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'bench/board-peer.ts', kind], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
	const port = await new Promise<number>((resolve, reject) => {
		let out = '';
		child.stdout?.on('data', (d) => {
			out += d;
			const match = /listening (\d+)/.exec(out);
			if (match) resolve(Number(match[1]));
		});
		child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
	});
	return { child, port };
}

const stopChild = (child: ChildProcess) =>
	new Promise<void>((resolve) => {
		if (child.exitCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});

async function silverbridge(redisUrl?: string): Promise<Server & { instances: number[] }> {
	const f = await createBoardFixture();
	const env: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl } : {};
	const servers = await Promise.all((redisUrl ? [0, 1] : [0]).map(() => startServerProcess(f.t.target.url, env)));
	return {
		pid: servers[0].child.pid!,
		instances: servers.map((s) => s.child.pid!),
		connect(index, deliver) {
			const doc = new Y.Doc();
			const server = servers[index % servers.length];
			const provider = new WebsocketProvider(server.wsBase, f.docName, doc, { WebSocketPolyfill: cookieSocket(f.cookies.coordA), disableBc: true });
			return yjsClient(doc, index, deliver, () => provider.synced, () => provider.destroy());
		},
		async stop() {
			await killAll();
			await f.t.cleanup();
		}
	};
}

async function yServer(): Promise<Server> {
	const { child, port } = await startPeer('y');
	return {
		pid: child.pid!,
		connect(index, deliver) {
			const doc = new Y.Doc();
			const provider = new WebsocketProvider(`ws://127.0.0.1:${port}`, 'bench', doc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
			return yjsClient(doc, index, deliver, () => provider.synced, () => provider.destroy());
		},
		stop: () => stopChild(child)
	};
}

async function hocuspocus(): Promise<Server> {
	const { child, port } = await startPeer('hocuspocus');
	return {
		pid: child.pid!,
		connect(index, deliver) {
			const doc = new Y.Doc();
			// Each provider manages its own socket, like one browser tab.
			// The socket options are passed through to the provider's own socket.
			const options = { url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket, name: 'bench', document: doc };
			const provider = new HocuspocusProvider(options as ConstructorParameters<typeof HocuspocusProvider>[0]);
			return yjsClient(doc, index, deliver, () => provider.isSynced, () => provider.destroy());
		},
		stop: () => stopChild(child)
	};
}

async function echo(): Promise<Server> {
	const { child, port } = await startPeer('echo');
	return {
		pid: child.pid!,
		connect(index, deliver) {
			const ws = new WebSocket(`ws://127.0.0.1:${port}/bench`);
			let open = false;
			ws.on('open', () => (open = true));
			ws.on('message', (data) => {
				const [from, sent] = String(data).split(':').map(Number);
				deliver(performance.now() - sent, from, index);
			});
			return { synced: () => open, edit: () => ws.send(`${index}:${performance.now()}`), close: () => ws.close() };
		},
		stop: () => stopChild(child)
	};
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN);

async function measure(server: Server, clients: number, accept: (from: number, to: number) => boolean = () => true) {
	const latencies: number[] = [];
	let measuring = false;
	const list = Array.from({ length: clients }, (_, i) =>
		server.connect(i, (ms, from, to) => {
			if (measuring && accept(from, to)) latencies.push(ms);
		})
	);
	const deadline = Date.now() + 30_000;
	while (!list.every((c) => c.synced())) {
		if (Date.now() > deadline) throw new Error('clients did not connect within 30 s');
		await new Promise((r) => setTimeout(r, 20));
	}
	// Every client edits once per EDIT_EVERY_MS, phases spread evenly.
	const timers = list.map((c, i) =>
		setTimeout(() => {
			c.edit();
			timers[i] = setInterval(() => c.edit(), EDIT_EVERY_MS);
		}, (i * EDIT_EVERY_MS) / clients)
	);
	await new Promise((r) => setTimeout(r, WARMUP_MS));
	measuring = true;
	const started = performance.now();
	await new Promise((r) => setTimeout(r, MEASURE_MS));
	measuring = false;
	const seconds = (performance.now() - started) / 1000;
	const rss = rssMb(server.pid);
	for (const t of timers) clearInterval(t);
	for (const c of list) c.close();
	latencies.sort((a, b) => a - b);
	return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), perSecond: latencies.length / seconds, rss };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const targetsHeld: string[] = [];

for (const size of SIZES) {
	const rows: { name: string; p50: number; p99: number; perSecond: number; rss: number }[] = [];
	for (const [name, start] of [
		['bare echo (floor)', echo],
		['Silverbridge', () => silverbridge()],
		['@y/websocket-server', yServer],
		['Hocuspocus', hocuspocus]
	] as const) {
		console.error(`… ${name}, ${size} clients`);
		const server = await start();
		try {
			rows.push({ name, ...(await measure(server, size)) });
		} finally {
			await server.stop();
		}
	}
	const floor = rows[0];
	const ours = rows[1];
	const peers = rows.slice(2);
	console.log(`\n${size} clients, each editing every ${EDIT_EVERY_MS / 1000} s, ${MEASURE_MS / 1000} s measured\n`);
	console.log('| server | p50 ms | p99 ms | deliveries/s | server RSS MB | p99 × floor | deliveries/s × best peer |');
	console.log('|---|---:|---:|---:|---:|---:|---:|');
	const bestPeer = Math.max(...peers.map((p) => p.perSecond));
	for (const r of rows) {
		console.log(`| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.perSecond, 0)} | ${fmt(r.rss)} | ${fmt(r.p99 / floor.p99, 2)} | ${fmt(r.perSecond / bestPeer, 2)} |`);
	}
	if (size === SIZES[SIZES.length - 1]) {
		targetsHeld.push(`p99 < 30 ms at ${size} clients: ${ours.p99 < 30 ? 'met' : 'NOT met'} (${fmt(ours.p99)} ms)`);
		const worse = peers.filter((p) => ours.perSecond < p.perSecond * 0.98).map((p) => p.name);
		targetsHeld.push(`throughput no worse than either peer: ${worse.length ? `NOT met (below ${worse.join(', ')})` : 'met'}`);
	}
}

if (process.env.REDIS_URL) {
	const server = await silverbridge(process.env.REDIS_URL);
	try {
		// Clients alternate between the two instances; only deliveries that crossed count.
		const r = await measure(server, 50, (from, to) => from % 2 !== to % 2);
		console.log('\nTwo Silverbridge instances through Redis, 50 clients (25 per instance), deliveries across instances only\n');
		console.log('| p50 ms | p99 ms | deliveries/s |');
		console.log('|---:|---:|---:|');
		console.log(`| ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.perSecond, 0)} |`);
	} finally {
		await server.stop();
	}
} else {
	console.log('\nREDIS_URL is not set: the cross-instance measurement was skipped.');
}

console.log(`\nTargets: ${targetsHeld.join('; ')}.`);
process.exit(0);
