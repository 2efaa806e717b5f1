// The y-websocket wire protocol as the stock `WebsocketProvider` speaks it. Every frame is
// `[messageType: varUint, payload…]`; sync payloads are y-protocols/sync messages. Incoming
// frames are decoded completely — including the Yjs update inside — before anything acts
// on them, so a malformed frame is refused as a whole instead of being half applied.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type ClientMessage =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	/** `reply` is true for sync step 2 (the answer to our step 1), false for a live edit. */
	| { kind: 'update'; update: Uint8Array; reply: boolean }
	/** `clients`: the awareness client ids the update sets or removes. */
	| { kind: 'awareness'; update: Uint8Array; clients: number[] }
	| { kind: 'query-awareness' }
	/** Auth messages only flow server → client; one from a client carries no meaning. */
	| { kind: 'auth' };

export class ProtocolError extends Error {}

function check<T>(what: string, read: () => T): T {
	try {
		return read();
	} catch (e) {
		throw new ProtocolError(`${what}: ${(e as Error).message}`);
	}
}

/** Parses an awareness update the way applyAwarenessUpdate will, without applying it; returns its client ids. */
function awarenessClients(update: Uint8Array): number[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const clients: number[] = [];
	for (let i = 0; i < count; i++) {
		clients.push(decoding.readVarUint(decoder));
		decoding.readVarUint(decoder);
		JSON.parse(decoding.readVarString(decoder));
	}
	return clients;
}

export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(frame);
	const type = check('message type', () => decoding.readVarUint(decoder));
	switch (type) {
		case MESSAGE_SYNC: {
			const step = check('sync message type', () => decoding.readVarUint(decoder));
			const payload = check('sync payload', () => decoding.readVarUint8Array(decoder));
			if (step === syncProtocol.messageYjsSyncStep1) {
				check('state vector', () => Y.decodeStateVector(payload));
				return { kind: 'sync-step1', stateVector: payload };
			}
			if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
				check('update', () => Y.decodeUpdate(payload));
				return { kind: 'update', update: payload, reply: step === syncProtocol.messageYjsSyncStep2 };
			}
			throw new ProtocolError(`unknown sync message type ${step}`);
		}
		case MESSAGE_AWARENESS: {
			const update = check('awareness payload', () => decoding.readVarUint8Array(decoder));
			const clients = check('awareness update', () => awarenessClients(update));
			return { kind: 'awareness', update, clients };
		}
		case MESSAGE_QUERY_AWARENESS:
			return { kind: 'query-awareness' };
		case MESSAGE_AUTH:
			return { kind: 'auth' };
		default:
			throw new ProtocolError(`unknown message type ${type}`);
	}
}

/** An update that carries nothing: no structs and an empty delete set. */
export function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwarenessStates(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}
