// bench:board — update fan-out on loopback with 50, 100 and 200 connected clients, every
// client editing. In one run: Silverbridge's board server, @y/websocket-server,
// Hocuspocus and a bare websocket broadcast (the floor), each a process of its own; then
// two Silverbridge instances sharing a board through Redis (when REDIS_URL is set).
//
// Every client is a stock provider on a socket of its own, spread over BENCH_BOARD_WORKERS
// processes (bench/board-clients.ts), the same split for every server. BENCH_BOARD_OBSERVERS
// of them (evenly spread) apply every update and time it; the others count deliveries at
// their socket (why: bench/board-clients.ts). Latency runs from an edit being made to an
// observer seeing it in its document; both ends read `performance.timeOrigin +
// performance.now()`, and the run checks that the processes' clocks agree.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createBoardFixture, killAll, startServerProcess } from '../tests/realtime/harness';
import { clock, type ClientTarget, type FromClients, type ToClients } from './board-clients';

// BENCH_BOARD_SIZES=10,20 runs a quick smaller pass.
const SIZES = (process.env.BENCH_BOARD_SIZES ?? '50,100,200').split(',').map(Number);
// A coordinator edits about every 5 s; BENCH_BOARD_EDIT_MS overrides it.
const EDIT_EVERY_MS = Number(process.env.BENCH_BOARD_EDIT_MS ?? 5000);
const WORKERS = Number(process.env.BENCH_BOARD_WORKERS ?? 4);
const OBSERVERS = Number(process.env.BENCH_BOARD_OBSERVERS ?? 20);
const WARMUP_MS = 2000;
const MEASURE_MS = 8000;
const root = path.resolve(import.meta.dirname, '..');

interface Server {
	/** Server processes, for memory and CPU time. */
	pids: number[];
	target: ClientTarget;
	stop(): Promise<void>;
}

const rssMb = (pid: number) => {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8')
		.split('\n')
		.find((l) => l.startsWith('VmRSS:'));
	return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
};

/** User + system CPU time of a process so far, in ms (clock ticks are 10 ms on Linux). */
const cpuMs = (pid: number) => {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function startPeer(kind: 'y' | 'hocuspocus' | 'echo'): Promise<{ child: ChildProcess; port: number }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'bench/board-peer.ts', kind], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'inherit']
	});
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
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGKILL');
	});

async function silverbridge(redisUrl?: string): Promise<Server> {
	const f = await createBoardFixture();
	const env: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl } : {};
	const servers = await Promise.all((redisUrl ? [0, 1] : [0]).map(() => startServerProcess(f.t.target.url, env)));
	return {
		pids: servers.map((s) => s.child.pid!),
		target: { kind: 'y-websocket', urls: servers.map((s) => s.wsBase), docName: f.docName, cookie: f.cookies.coordA },
		async stop() {
			await killAll();
			await f.t.cleanup();
		}
	};
}

async function peer(kind: 'y' | 'hocuspocus' | 'echo'): Promise<Server> {
	const { child, port } = await startPeer(kind);
	const url = `ws://127.0.0.1:${port}`;
	const target: ClientTarget =
		kind === 'y'
			? { kind: 'y-websocket', urls: [url], docName: 'bench' }
			: kind === 'hocuspocus'
				? { kind, url, docName: 'bench' }
				: { kind, url };
	return { pids: [child.pid!], target, stop: () => stopChild(child) };
}

/** A client process and a way to wait for its next message of a kind. */
interface Worker {
	child: ChildProcess;
	tell(message: ToClients): void;
	next<T extends FromClients['type']>(type: T): Promise<Extract<FromClients, { type: T }>>;
}

function startWorker(): Worker {
	const child = fork(path.join(root, 'bench/board-clients.ts'), [], {
		cwd: root,
		execArgv: ['--import', 'tsx'],
		serialization: 'advanced',
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	return {
		child,
		tell: (message) => child.send(message),
		next: (type) =>
			new Promise((resolve, reject) => {
				const onMessage = (message: FromClients) => {
					if (message.type !== type) return;
					child.off('message', onMessage);
					child.off('exit', onExit);
					resolve(message as Extract<FromClients, { type: typeof type }>);
				};
				const onExit = (code: number | null) => reject(new Error(`a client process exited (${code})`));
				child.on('message', onMessage);
				child.once('exit', onExit);
			})
	};
}

/** The largest difference between a client process's clock and ours, best of a few round trips each. */
async function clockOffsetMs(workers: Worker[]): Promise<number> {
	let worst = 0;
	for (const w of workers) {
		let best = { rtt: Infinity, offset: 0 };
		for (let i = 0; i < 10; i++) {
			const sent = clock();
			const reply = w.next('clock');
			w.tell({ type: 'clock' });
			const { now } = await reply;
			const back = clock();
			if (back - sent < best.rtt) best = { rtt: back - sent, offset: now - (sent + back) / 2 };
		}
		worst = Math.max(worst, Math.abs(best.offset));
	}
	return worst;
}

const percentile = (sorted: Float64Array, p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;

async function measure(server: Server, clients: number, acrossInstances: number | null = null) {
	const workers = Array.from({ length: Math.min(WORKERS, clients) }, startWorker);
	try {
		const synced = workers.map((w) => w.next('synced'));
		const observing = Math.min(OBSERVERS, clients);
		const observers = Array.from({ length: observing }, (_, k) => Math.floor((k * clients) / observing));
		workers.forEach((w, k) =>
			w.tell({
				type: 'connect',
				target: server.target,
				indices: Array.from({ length: clients }, (_, i) => i).filter((i) => i % workers.length === k),
				observers
			})
		);
		await Promise.all(synced);
		const offset = await clockOffsetMs(workers);
		// Every client edits once per EDIT_EVERY_MS, phases spread evenly over all processes.
		const startAt = clock() + 200;
		const measureFrom = startAt + WARMUP_MS;
		const measureTo = measureFrom + MEASURE_MS;
		const results = workers.map((w) => w.next('result'));
		for (const w of workers)
			w.tell({ type: 'run', startAt, editEveryMs: EDIT_EVERY_MS, total: clients, measureFrom, measureTo, acrossInstances });
		await new Promise((r) => setTimeout(r, measureFrom - clock()));
		const cpuBefore = server.pids.map(cpuMs);
		const clientCpuBefore = workers.map((w) => cpuMs(w.child.pid!));
		await new Promise((r) => setTimeout(r, measureTo - clock()));
		const cpu = server.pids.map((pid, i) => cpuMs(pid) - cpuBefore[i]).reduce((a, b) => a + b, 0);
		const clientCpu = workers.map((w, i) => cpuMs(w.child.pid!) - clientCpuBefore[i]).reduce((a, b) => a + b, 0);
		const rss = rssMb(server.pids[0]);
		const reports = await Promise.all(results);
		const latencies = new Float64Array(reports.reduce((n, r) => n + r.latencies.length, 0));
		let at = 0;
		for (const { latencies: l } of reports) {
			latencies.set(l, at);
			at += l.length;
		}
		latencies.sort();
		return {
			p50: percentile(latencies, 0.5),
			p99: percentile(latencies, 0.99),
			perSecond: reports.reduce((n, r) => n + r.deliveries, 0) / (MEASURE_MS / 1000),
			samples: latencies.length,
			rss,
			cpuPercent: (100 * cpu) / MEASURE_MS,
			clientCpuPercent: (100 * clientCpu) / MEASURE_MS,
			offset
		};
	} finally {
		for (const w of workers) w.tell({ type: 'close' });
		await Promise.all(
			workers.map((w) => new Promise((resolve) => (w.child.exitCode !== null ? resolve(null) : w.child.once('exit', resolve))))
		);
	}
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const targetsHeld: string[] = [];
let worstOffset = 0;

for (const size of SIZES) {
	const rows: ({ name: string } & Awaited<ReturnType<typeof measure>>)[] = [];
	for (const [name, start] of [
		['bare echo (floor)', () => peer('echo')],
		['Silverbridge', () => silverbridge()],
		['@y/websocket-server', () => peer('y')],
		['Hocuspocus', () => peer('hocuspocus')]
	] as const) {
		console.error(`… ${name}, ${size} clients`);
		const server = await start();
		try {
			rows.push({ name, ...(await measure(server, size)) });
		} finally {
			await server.stop();
		}
	}
	worstOffset = Math.max(worstOffset, ...rows.map((r) => r.offset));
	const floor = rows[0];
	const ours = rows[1];
	const peers = rows.slice(2);
	console.log(
		`\n${size} clients, each editing every ${EDIT_EVERY_MS / 1000} s, ${MEASURE_MS / 1000} s measured; latency seen by ${Math.min(OBSERVERS, size)} of them (${Math.min(...rows.map((r) => r.samples))}+ samples per server)\n`
	);
	console.log(
		'| server | p50 ms | p99 ms | deliveries/s | server CPU % | clients CPU % | server RSS MB | p99 × floor | deliveries/s × best peer |'
	);
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
	const bestPeer = Math.max(...peers.map((p) => p.perSecond));
	for (const r of rows) {
		console.log(
			`| ${r.name} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.perSecond, 0)} | ${fmt(r.cpuPercent, 0)} | ${fmt(r.clientCpuPercent, 0)} | ${fmt(r.rss)} | ${fmt(r.p99 / floor.p99, 2)} | ${fmt(r.perSecond / bestPeer, 2)} |`
		);
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
		const r = await measure(server, 50, 2);
		worstOffset = Math.max(worstOffset, r.offset);
		console.log('\nTwo Silverbridge instances through Redis, 50 clients (25 per instance), deliveries across instances only\n');
		console.log('| p50 ms | p99 ms | deliveries/s | CPU % of both instances |');
		console.log('|---:|---:|---:|---:|');
		console.log(`| ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.perSecond, 0)} | ${fmt(r.cpuPercent, 0)} |`);
	} finally {
		await server.stop();
	}
} else {
	console.log('\nREDIS_URL is not set: the cross-instance measurement was skipped.');
}

console.log(
	`\nClients in ${WORKERS} processes; their clocks agreed with the bench's within ${fmt(worstOffset, 2)} ms. CPU % is of one core.`
);
console.log(`Targets: ${targetsHeld.join('; ')}.`);
process.exit(0);
