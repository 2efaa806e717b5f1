// Scale-out: several instances serve the same boards and relay document and awareness
// updates to each other over Redis pub/sub, one channel per document, plus one channel
// on which an instance says whose access changed. Every message names the instance that
// sent it, so an instance ignores its own echo. Redis only relays: the instance whose
// client sent an update has already persisted it before publishing.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { AccessChange } from '../../src/lib/server/auth/access-events';
import type { Logger } from './log';

export type FanoutKind = 'update' | 'awareness';
const KINDS: readonly FanoutKind[] = ['update', 'awareness'];

export interface Fanout {
	/** Resolves once Redis confirmed the subscription: later publications will arrive. */
	subscribe(docName: string): Promise<void>;
	unsubscribe(docName: string): Promise<void>;
	publish(docName: string, kind: FanoutKind, payload: Uint8Array): void;
	publishAccessChange(change: AccessChange): void;
	/** Tells the other instances that a board was rolled back (see features/board/repair.ts). */
	publishReset(docName: string): void;
	close(): Promise<void>;
}

export interface FanoutHandlers {
	message(docName: string, kind: FanoutKind, payload: Uint8Array): void;
	accessChanged(change: AccessChange): void;
	reset(docName: string): void;
	/** The subscription came back after a disconnect; publications in between are lost. */
	resumed(): void;
}

const CHANNEL_PREFIX = 'silverbridge:board:';
const ACCESS_CHANNEL = 'silverbridge:access';

/** Connects in the background; until Redis answers, subscriptions and publications wait. */
export async function connectRedisFanout(url: string, instanceId: string, handlers: FanoutHandlers, log: Logger): Promise<Fanout> {
	// Imported lazily so single-instance setups never load the client.
	const { Redis } = await import('ioredis');
	const pub = new Redis(url);
	const sub = new Redis(url);
	for (const [name, client] of [
		['publisher', pub],
		['subscriber', sub]
	] as const) {
		// ioredis retries by itself; say so once per outage instead of at every attempt.
		let reported = false;
		client.on('error', (e: Error) => {
			if (!reported) log.warn(`board: redis ${name} error (retrying): ${e.message}`);
			reported = true;
		});
		client.on('ready', () => (reported = false));
	}
	let connectedBefore = false;
	sub.on('ready', () => {
		if (connectedBefore) handlers.resumed();
		connectedBefore = true;
	});

	// ioredis subscribes again by itself after a reconnect.
	sub.subscribe(ACCESS_CHANNEL).catch((e: Error) => log.warn(`board: redis subscribe to access changes failed: ${e.message}`));

	sub.on('messageBuffer', (channelBuf: Buffer, message: Buffer) => {
		const channel = channelBuf.toString();
		if (channel === ACCESS_CHANNEL) {
			try {
				const { sender, change, reset } = JSON.parse(message.toString()) as { sender: string; change?: AccessChange; reset?: string };
				if (sender === instanceId) return;
				if (typeof reset === 'string') handlers.reset(reset);
				else if (change) handlers.accessChanged(change);
			} catch (e) {
				log.error('board: bad access change message', e);
			}
			return;
		}
		if (!channel.startsWith(CHANNEL_PREFIX)) return;
		try {
			const decoder = decoding.createDecoder(new Uint8Array(message));
			const kind = KINDS[decoding.readVarUint(decoder)];
			const sender = decoding.readVarString(decoder);
			const payload = decoding.readVarUint8Array(decoder);
			if (sender === instanceId || !kind) return;
			handlers.message(channel.slice(CHANNEL_PREFIX.length), kind, payload);
		} catch (e) {
			log.error(`board: bad fan-out message on ${channel}`, e);
		}
	});

	return {
		async subscribe(docName) {
			await sub.subscribe(CHANNEL_PREFIX + docName);
		},
		async unsubscribe(docName) {
			await sub.unsubscribe(CHANNEL_PREFIX + docName);
		},
		publish(docName, kind, payload) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, KINDS.indexOf(kind));
			encoding.writeVarString(encoder, instanceId);
			encoding.writeVarUint8Array(encoder, payload);
			pub
				.publish(CHANNEL_PREFIX + docName, Buffer.from(encoding.toUint8Array(encoder)))
				.catch((e: Error) => log.warn(`board: redis publish to ${docName} failed: ${e.message}`));
		},
		publishAccessChange(change) {
			pub
				.publish(ACCESS_CHANNEL, JSON.stringify({ sender: instanceId, change }))
				.catch((e: Error) => log.warn(`board: redis publish of an access change failed: ${e.message}`));
		},
		publishReset(docName) {
			pub
				.publish(ACCESS_CHANNEL, JSON.stringify({ sender: instanceId, reset: docName }))
				.catch((e: Error) => log.warn(`board: redis publish of a board reset failed: ${e.message}`));
		},
		async close() {
			await Promise.allSettled([pub.quit(), sub.quit()]);
			pub.disconnect();
			sub.disconnect();
		}
	};
}
