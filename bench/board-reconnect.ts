// 200 board clients reconnecting at once after a restart: how long the server's event loop is
// blocked meanwhile (perf_hooks.monitorEventLoopDelay in the server's process), against one
// client reconnecting to a freshly restarted server, measured in the same run. Each run starts
// a new server (nothing loaded) on a board whose log holds a 3 000-placement document and 200
// small edits; the clients live in a worker thread, so their work is not on the measured loop.
// Each client reconnects as the stock y-websocket client does, holding the whole board: it
// sends sync step 1 with its state vector and counts as back once the server's step 2 arrives.
// Budget: the loop is never blocked for more than 100 ms.
// Run: npm run bench:board-reconnect
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { encodeSyncStep1 } from '../server/board/protocol';
import { startServer } from '../server/index';
import { boardDocName } from '../src/lib/features/board/schemas';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import { buildTree } from '../tests/helpers/fixtures';
import { createTestDb } from '../tests/helpers/test-db';

const CLIENTS = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET_MS = 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const CLIENT_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
parentPort.on('message', async ({ url, cookies, hello }) => {
	const started = performance.now();
	const sockets = [];
	const back = await Promise.all(cookies.map((cookie) => new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers: { cookie } });
		sockets.push(ws);
		ws.once('open', () => ws.send(hello));
		// Sync step 2 is message 0, sync type 1.
		ws.on('message', (data) => { if (data[0] === 0 && data[1] === 1) resolve(performance.now() - started); });
		ws.once('close', (code) => reject(new Error('closed with ' + code)));
		ws.once('error', reject);
	})));
	for (const ws of sockets) { ws.removeAllListeners('close'); ws.close(); }
	parentPort.postMessage({ back });
});`;

const t = await createTestDb('sqlite');
try {
	const tree = await buildTree(t.db);
	const docName = boardDocName(tree.roundId);
	// A board as auto-matching leaves it, then a morning of small edits.
	const doc = new Y.Doc();
	const rows: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => rows.push(u));
	doc.transact(() => {
		const placements = doc.getMap('placements');
		for (let i = 0; i < 3000; i++) placements.set(`demand-${i}`, { volunteerId: `volunteer-${i % 800}`, seat: i % 3 });
	});
	for (let i = 0; i < 200; i++) doc.getMap('placements').set(`demand-${i}`, { volunteerId: `volunteer-${(i + 7) % 800}`, seat: 0 });
	await t.db.boardUpdate.createMany({ data: rows.map((update) => ({ docName, update: new Uint8Array(update) })) });

	const hello = encodeSyncStep1(doc);
	const cookies: string[] = [];
	for (let i = 0; i < CLIENTS; i++) {
		const token = generateSessionToken();
		await createSession(t.db, token, [tree.users.coordA, tree.users.cityCoord, tree.users.leader][i % 3]);
		cookies.push(`${SESSION_COOKIE}=${token}`);
	}

	const worker = new Worker(CLIENT_CODE, { eval: true, workerData: { wsPath: createRequire(import.meta.url).resolve('ws') } });
	const quiet = { info: () => undefined, warn: () => undefined, error: console.error };

	async function reconnect(count: number): Promise<{ maxMs: number; p99Ms: number; lastBackMs: number }> {
		const running = await startServer({ port: 0, host: '127.0.0.1', db: t.db, serveApp: false, board: { provider: 'sqlite', log: quiet } });
		try {
			const delay = monitorEventLoopDelay({ resolution: 1 });
			const answer = new Promise<{ back: number[] }>((resolve) => worker.once('message', resolve));
			delay.enable();
			worker.postMessage({ url: `ws://127.0.0.1:${running.port}/yjs/${docName}`, cookies: cookies.slice(0, count), hello });
			const { back } = await answer;
			delay.disable();
			return { maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, lastBackMs: Math.max(...back) };
		} finally {
			await running.close();
		}
	}

	await reconnect(CLIENTS); // warm-up: module loading and JIT are not what is measured
	const cases = { [`1 client after a restart (baseline)`]: 1, [`${CLIENTS} clients at once after a restart`]: CLIENTS };
	const results: Record<string, { max: number[]; p99: number[]; last: number[] }> = {};
	for (let run = 0; run < RUNS; run++) {
		for (const [label, count] of Object.entries(cases)) {
			const r = await reconnect(count);
			const into = (results[label] ??= { max: [], p99: [], last: [] });
			into.max.push(r.maxMs);
			into.p99.push(r.p99Ms);
			into.last.push(r.lastBackMs);
		}
	}
	await worker.terminate();

	const baseline = median(Object.values(results)[0].max);
	console.log(`\nBoard reconnect storm, SQLite, median of ${RUNS} runs (event-loop delay in the server's process)\n`);
	console.log('| case | max loop delay ms | p99 loop delay ms | last client back ms | × baseline (max) |');
	console.log('|---|---:|---:|---:|---:|');
	for (const [label, r] of Object.entries(results)) {
		const max = median(r.max);
		console.log(
			`| ${label} | ${max.toFixed(1)} | ${median(r.p99).toFixed(1)} | ${median(r.last).toFixed(0)} | ${(max / baseline).toFixed(2)} |`
		);
	}
	const worst = Math.max(...Object.values(results).at(-1)!.max);
	console.log(`\nBudget: no block over ${BUDGET_MS} ms — ${worst <= BUDGET_MS ? 'met' : 'NOT met'} (worst run ${worst.toFixed(1)} ms).`);
} finally {
	await t.cleanup();
}
