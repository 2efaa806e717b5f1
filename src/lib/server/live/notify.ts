// Notification rows: written inside the transaction that made the change, so a rolled-back
// change notifies nobody. After the commit, call `notified` so open screens update.
import type { Db } from '../db';
import { emitLive } from './bus';

type Tx = Pick<Db, 'notification'>;

export interface NotificationInput {
	userId: string;
	/** A message key such as `session.moved`; the centre renders it in the reader's language. */
	kind: string;
	/** Message parameters and the link to the thing it is about. */
	payload: Record<string, unknown> & { href?: string };
}

export async function notify(tx: Tx, items: readonly NotificationInput[]): Promise<string[]> {
	if (!items.length) return [];
	await tx.notification.createMany({
		data: items.map((n) => ({ userId: n.userId, kind: n.kind, payload: JSON.stringify(n.payload) }))
	});
	return [...new Set(items.map((n) => n.userId))];
}

/** After the transaction that called `notify` committed. */
export function notified(userIds: readonly string[]): void {
	if (userIds.length) emitLive({ type: 'notifications.changed', userIds: [...userIds] });
}
