// The peers bench:board compares against, each in a process of its own so its memory is
// its own: `y` (@y/websocket-server, in memory), `hocuspocus` (no extensions) and `echo`
// (a bare websocket broadcast, the floor). Prints "listening <port>" when ready.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const kind = process.argv[2];

if (kind === 'hocuspocus') {
	const { Server } = await import('@hocuspocus/server');
	const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
	await server.listen();
	console.log(`listening ${server.address.port}`);
} else {
	const http = createServer();
	const wss = new WebSocketServer({ server: http });
	if (kind === 'y') {
		const { setupWSConnection } = await import('@y/websocket-server/utils');
		wss.on('connection', (ws, req) => setupWSConnection(ws, req));
	} else if (kind === 'echo') {
		// Relays every frame to the other sockets of the same path: the least a server can do.
		const rooms = new Map<string, Set<WebSocket>>();
		wss.on('connection', (ws, req) => {
			const room = rooms.get(req.url ?? '') ?? new Set<WebSocket>();
			rooms.set(req.url ?? '', room);
			room.add(ws);
			ws.on('message', (data, isBinary) => {
				for (const other of room) if (other !== ws && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
			});
			ws.on('close', () => room.delete(ws));
		});
	} else {
		console.error(`unknown peer "${kind}" (y | hocuspocus | echo)`);
		process.exit(2);
	}
	http.listen(0, '127.0.0.1', () => {
		const address = http.address();
		console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
	});
}
