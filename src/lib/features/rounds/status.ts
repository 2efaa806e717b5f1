// A round's life: planning (matching on the board) → scheduling (dating sessions and sending
// invitations) → running (the semester's sessions take place) → closed. One step forward at
// a time; what must hold before each step is checked by the router against the database.
import type { RoundStatus } from '$lib/server/db/generated/sqlite/enums';

export type { RoundStatus };

export const ROUND_STATUSES = ['planning', 'scheduling', 'running', 'closed'] as const satisfies readonly RoundStatus[];

export function nextRoundStatus(from: RoundStatus): RoundStatus | null {
	const i = ROUND_STATUSES.indexOf(from);
	return i >= 0 && i < ROUND_STATUSES.length - 1 ? ROUND_STATUSES[i + 1] : null;
}

/** Needs can join or leave a round until its sessions are running. */
export const acceptsNeeds = (status: RoundStatus) => status === 'planning' || status === 'scheduling';
