// The page's one live stream, shared by the bell and the calendar: the first listener
// opens it, the last one to leave closes it; the SSE link reconnects by itself.
import type { LiveMessage } from '$lib/features/live/router';
import { api } from './client';

type Listener = (message: LiveMessage) => void;
type StateListener = (connected: boolean) => void;

const listeners = new Set<Listener>();
const stateListeners = new Set<StateListener>();
let stop: (() => void) | null = null;

function setConnected(connected: boolean) {
	for (const l of stateListeners) l(connected);
}

function open() {
	const sub = api.live.events.subscribe(undefined, {
		onData: (message) => {
			if (message.type === 'ready') setConnected(true);
			for (const l of listeners) l(message);
		},
		onConnectionStateChange: (state) => {
			if (state.state !== 'pending') setConnected(false);
		},
		onError: () => setConnected(false)
	});
	stop = () => sub.unsubscribe();
}

/** Listens to the live stream; returns what stops listening. */
export function listenLive(listener: Listener, onState?: StateListener): () => void {
	listeners.add(listener);
	if (onState) stateListeners.add(onState);
	if (!stop) open();
	return () => {
		listeners.delete(listener);
		if (onState) stateListeners.delete(onState);
		if (!listeners.size && stop) {
			stop();
			stop = null;
		}
	};
}
