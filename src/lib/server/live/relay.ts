// Several app instances: every live event said on one is published on Redis and said again
// on the others, so open calendars and bells everywhere hear it. Events that came from
// Redis are marked and never published again, so nothing echoes back and forth.
import type { LiveEvent } from './bus';
import { emitLive, onLive } from './bus';

const CHANNEL = 'silverbridge:live';
const relayed = new WeakSet<LiveEvent>();

export interface LiveRelay {
	/** Resolves once Redis confirmed the subscription. */
	ready: Promise<void>;
	close(): Promise<void>;
}

export interface RelayOptions {
	url: string;
	instanceId: string;
	/** The bus to bridge; the process's own by default (tests give each instance one). */
	bus?: { emit(event: LiveEvent): void; on(listener: (event: LiveEvent) => void): () => void };
	warn?: (message: string) => void;
}

export async function startLiveRelay(options: RelayOptions): Promise<LiveRelay> {
	const { Redis } = await import('ioredis');
	const bus = options.bus ?? { emit: emitLive, on: onLive };
	const warn = options.warn ?? ((message: string) => console.warn(message));
	const pub = new Redis(options.url);
	const sub = new Redis(options.url);
	for (const client of [pub, sub]) {
		let reported = false;
		client.on('error', (e: Error) => {
			if (!reported) warn(`live: redis error (retrying): ${e.message}`);
			reported = true;
		});
		client.on('ready', () => (reported = false));
	}
	sub.on('message', (channel: string, message: string) => {
		if (channel !== CHANNEL) return;
		try {
			const { sender, event } = JSON.parse(message) as { sender: string; event: LiveEvent };
			if (sender === options.instanceId) return;
			relayed.add(event);
			bus.emit(event);
		} catch (e) {
			warn(`live: bad relay message: ${e instanceof Error ? e.message : String(e)}`);
		}
	});
	const ready = sub.subscribe(CHANNEL).then(() => undefined);
	const off = bus.on((event) => {
		if (relayed.has(event)) return;
		pub
			.publish(CHANNEL, JSON.stringify({ sender: options.instanceId, event }))
			.catch((e: Error) => warn(`live: redis publish failed: ${e.message}`));
	});
	return {
		ready,
		async close() {
			off();
			await Promise.allSettled([pub.quit(), sub.quit()]);
			pub.disconnect();
			sub.disconnect();
		}
	};
}
