// Entry for the production server and the Vite dev server: a BoardServer on an HTTP server.
import type { Server } from 'node:http';
import { BoardServer, type BoardServerOptions } from './server';

export type { BoardServerOptions };

export function attachBoardServer(httpServer: Server, options: BoardServerOptions = {}): BoardServer {
	return new BoardServer(httpServer, options);
}
