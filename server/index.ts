// Production entry: one HTTP server on one port for the SvelteKit app (adapter-node's
// handler) and the live board's websockets (/yjs/<doc>). `npm start` reaches it through
// server/start.ts; tests run it directly with SB_NO_APP=1 (board only, 404 for pages).
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { getDb, setDb, type Db } from '../src/lib/server/db';
import { attachBoardServer, type BoardServerOptions } from './board/attach';
import { BOARD_PATH_PREFIX } from './board/admission';
import { appBuildFile } from './build';
import { randomUUID } from 'node:crypto';
import { channelsFromEnv } from '../src/lib/features/notifications/channels';
import { startNotificationWorker } from '../src/lib/features/notifications/worker';
import { startLiveRelay } from '../src/lib/server/live/relay';

export interface StartOptions {
	/** 0 picks a free port. */
	port?: number;
	host?: string;
	/** Defaults to the process's client; either way it becomes the one the app uses. */
	db?: Db;
	board?: Omit<BoardServerOptions, 'db'>;
	/** False serves the board only (as SB_NO_APP=1 does); pages then answer 404. */
	serveApp?: boolean;
}

export interface RunningServer {
	port: number;
	/** Stops accepting, closes board sockets, saves pending board edits. */
	close(): Promise<void>;
}

type AppHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Our connections are plain HTTP; a private header tells SvelteKit so (see loadApp). */
const PROTOCOL_HEADER = 'x-silverbridge-protocol';

async function loadApp(): Promise<AppHandler | null> {
	if (!existsSync(appBuildFile)) return null;
	// adapter-node assumes https unless told the origin or a protocol header; without a
	// proxy in front, the truth is "http", and it must be known before the handler loads.
	const direct = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
	if (direct) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
	// Spreadsheet imports carry the file (up to 10 MB, base64) in the request body;
	// adapter-node's default limit is 512 KB.
	process.env.BODY_SIZE_LIMIT ??= '16M';
	const mod = (await import(pathToFileURL(appBuildFile).href)) as { handler?: unknown };
	if (typeof mod.handler !== 'function') throw new Error(`${appBuildFile} exports no handler`);
	const handler = mod.handler as AppHandler;
	if (!direct) return handler;
	return (req, res, next) => {
		// Overwritten, never trusted from the client.
		req.headers[PROTOCOL_HEADER] = 'http';
		handler(req, res, next);
	};
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
	const db = options.db ?? getDb();
	// The app bundle reaches the database through getDb(); share this client with it.
	setDb(db);
	const serveApp = (options.serveApp ?? true) && process.env.SB_NO_APP !== '1';
	const app = serveApp ? await loadApp() : null;
	const server = createServer((req, res) => {
		const notFound = () => {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('Not found');
		};
		if (app) app(req, res, notFound);
		else notFound();
	});
	const board = attachBoardServer(server, { ...options.board, db });
	// Nothing but the board speaks websocket here; other upgrade requests would hang.
	server.on('upgrade', (req: IncomingMessage, socket) => {
		if (!req.url?.startsWith(BOARD_PATH_PREFIX)) socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 3000, options.host ?? '0.0.0.0', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : (options.port ?? 3000);
	// Live events (calendar, bell) reach the other instances through Redis; reminders and
	// emails come from this instance's worker, which shares the queue with the others.
	const instanceId = randomUUID();
	const relay = process.env.REDIS_URL ? await startLiveRelay({ url: process.env.REDIS_URL, instanceId }) : null;
	const worker = serveApp
		? startNotificationWorker({
				db,
				instanceId,
				channels: await channelsFromEnv(),
				origin: process.env.ORIGIN ?? `http://localhost:${port}`,
				intervalMs: Number(process.env.NOTIFY_INTERVAL_MS ?? 60_000)
			})
		: null;

	return {
		port,
		async close() {
			const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
			await Promise.all([board.close(), worker?.close(), relay?.close()]);
			// Requests still running get a moment; then whatever is left is cut.
			const grace = setTimeout(() => server.closeAllConnections(), 3000);
			await stopped;
			clearTimeout(grace);
		}
	};
}

/**
 * Runs the server as the process's main job. SIGTERM/SIGINT save pending board edits,
 * close and exit (a second signal or 10 s forces it); stray promise rejections are logged
 * instead of ending the process.
 */
export function superviseProcess(running: RunningServer, db: Db): void {
	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) process.exit(1);
		stopping = true;
		console.log(`${signal}: saving and shutting down…`);
		setTimeout(() => {
			console.error('shutdown took too long; exiting');
			process.exit(1);
		}, 10_000).unref();
		running
			.close()
			.then(() => db.$disconnect())
			.then(() => process.exit(0))
			.catch((e: unknown) => {
				console.error('shutdown failed', e);
				process.exit(1);
			});
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
	// A stray rejection (a dropped client, a database hiccup) must not take every board down.
	process.on('unhandledRejection', (e) => console.error('unhandled rejection', e));
}

export function envPort(): number {
	return process.env.PORT ? Number(process.env.PORT) : 3000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const host = process.env.HOST ?? '0.0.0.0';
	const running = await startServer({ port: envPort(), host });
	console.log(`Silverbridge listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${running.port}`);
	superviseProcess(running, getDb());
}
