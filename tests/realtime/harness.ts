// Real-time test harness: the real server entry in child processes (board only,
// SB_NO_APP=1) on a migrated temp database, signed-in users with session cookies, and
// stock y-websocket clients speaking to it from Node.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { boardDocName } from '../../src/lib/features/board/schemas';
import { buildTree, type Tree } from '../helpers/fixtures';
import { createTestDb, postgresUrl, type TestDb } from '../helpers/test-db';

const root = path.resolve(import.meta.dirname, '../..');

export interface BoardFixture {
	t: TestDb;
	tree: Tree;
	docName: string;
	/** Cookie header per fixture username (admin, cityCoord, coordA, coordB, leader, nobody, …). */
	cookies: Record<string, string>;
}

/** A migrated database (PostgreSQL when DATABASE_URL names one) with the fixture tree and a session per user. */
export async function createBoardFixture(): Promise<BoardFixture> {
	const t = await createTestDb(postgresUrl() ? 'postgresql' : 'sqlite');
	const tree = await buildTree(t.db);
	const cookies: Record<string, string> = {};
	for (const [username, userId] of Object.entries(tree.users)) {
		const token = generateSessionToken();
		await createSession(t.db, token, userId);
		cookies[username] = `${SESSION_COOKIE}=${token}`;
	}
	return { t, tree, docName: boardDocName(tree.roundId), cookies };
}

export interface ServerProcess {
	/** ws://127.0.0.1:<port>/yjs */
	wsBase: string;
	child: ChildProcess;
	output(): string;
	/** SIGTERM, waiting for exit (SIGKILL after 5 s). */
	stop(): Promise<void>;
	/** SIGKILL, waiting for exit. */
	kill(): Promise<void>;
}

const children = new Set<ChildProcess>();
// Should the test runner die first, take the servers along.
process.once('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

function exited(child: ChildProcess): Promise<void> {
	return child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
	const { REDIS_URL: _ignored, ...inherited } = process.env;
	// tsx as a loader inside this one process: the tsx CLI would run the server in a child
	// of its own, which a SIGKILL of the CLI leaves running.
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: root,
		env: { ...inherited, SB_NO_APP: '1', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	let log = '';
	child.stderr?.on('data', (d) => (log += d));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start within 20 s:\n${log}`)), 20_000);
		child.stdout?.on('data', (d) => {
			log += d;
			const match = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
			if (match) {
				clearTimeout(timer);
				resolve(Number(match[1]));
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited (${code}) before listening:\n${log}`));
		});
	});
	return {
		wsBase: `ws://127.0.0.1:${port}/yjs`,
		child,
		output: () => log,
		async stop() {
			const done = exited(child);
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await done;
			clearTimeout(timer);
		},
		async kill() {
			const done = exited(child);
			child.kill('SIGKILL');
			await done;
		}
	};
}

export async function killAll(): Promise<void> {
	await Promise.all(
		[...children].map((child) => {
			const done = exited(child);
			child.kill('SIGKILL');
			return done;
		})
	);
}

/** The `ws` client with a fixed Cookie header, shaped like the browser's WebSocket. */
function cookieWebSocket(cookie: string | undefined): typeof globalThis.WebSocket {
	class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: cookie ? { cookie } : {} });
		}
	}
	return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

/** `params` go into the socket URL's query, as the board page sends its generation. */
export function connect(wsBase: string, docName: string, cookie?: string, params?: Record<string, string>): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(wsBase, docName, doc, {
		params,
		WebSocketPolyfill: cookieWebSocket(cookie),
		// Clients in one process would otherwise sync through BroadcastChannel, around the server.
		disableBc: true,
		maxBackoffTime: 200
	});
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function connectSynced(wsBase: string, docName: string, cookie: string, params?: Record<string, string>): Promise<Client> {
	const client = connect(wsBase, docName, cookie, params);
	await waitFor(() => client.provider.synced, `${docName} to sync`);
	return client;
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A raw socket, for what the stock client never sends. */
export function rawSocket(
	wsBase: string,
	docName: string,
	headers: Record<string, string> = {}
): { ws: WebSocket; opened: Promise<void>; closed: Promise<{ code: number; reason: string }> } {
	const ws = new WebSocket(`${wsBase}/${docName}`, { headers });
	const opened = new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
	);
	// Avoid an unhandled rejection when a test only awaits `closed`.
	opened.catch(() => undefined);
	return { ws, opened, closed };
}

/**
 * A board fixture for a describe block, served by one server process started before its
 * tests (unless `startServer` is false: tests that start their own). Afterwards the clients
 * pushed to `clients` are closed, every server started is killed and the data dropped.
 */
export function useBoard({ startServer = true } = {}): {
	readonly f: BoardFixture;
	/** A test that restarts the server puts the new one here. */
	server: ServerProcess;
	readonly clients: Client[];
} {
	const board = { clients: [] as Client[] } as { f: BoardFixture; server: ServerProcess; clients: Client[] };
	beforeAll(async () => {
		board.f = await createBoardFixture();
		if (startServer) board.server = await startServerProcess(board.f.t.target.url);
	});
	afterAll(async () => {
		for (const c of board.clients) c.destroy();
		await killAll();
		await board.f?.t.cleanup();
	});
	return board;
}
