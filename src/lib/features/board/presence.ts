// Presence on the board through Yjs awareness: who is here, which need they look at,
// which volunteer they are dragging.
import type { Awareness } from 'y-protocols/awareness';

export interface Presence {
	user: { id: string; name: string; color: string };
	focusDemandId: string | null;
	draggingVolunteerId: string | null;
}

const COLORS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be185d', '#0e7490', '#4d7c0f', '#9a3412'];

/** A stable colour per user, so everyone sees the same person in the same colour. */
export function colorFor(userId: string): string {
	let h = 0;
	for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
	return COLORS[h % COLORS.length];
}

export interface PeerPresence extends Presence {
	clientId: number;
}

export function peersOf(awareness: Awareness): PeerPresence[] {
	const peers: PeerPresence[] = [];
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const p = state as Partial<Presence>;
		if (p.user)
			peers.push({ clientId, user: p.user, focusDemandId: p.focusDemandId ?? null, draggingVolunteerId: p.draggingVolunteerId ?? null });
	}
	return peers;
}
