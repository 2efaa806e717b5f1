// The background loop of each app instance: reminders (sessions ahead; records to make and
// to confirm) and channel deliveries every `intervalMs`, and deliveries again shortly after
// new notifications are said on the bus.
import { randomUUID } from 'node:crypto';
import { onLive } from '$lib/server/live/bus';
import type { Db } from '$lib/server/db';
import type { Channel } from './channels';
import { deliverPending } from './outbox';
import { runReminders } from './reminders';
import { remindRecordsDue } from '$lib/features/records/reminders';

export interface WorkerOptions {
	db: Db;
	channels: Channel[];
	/** Absolute base for links in emails. */
	origin: string;
	instanceId?: string;
	intervalMs?: number;
	log?: (message: string, e: unknown) => void;
}

export function startNotificationWorker(options: WorkerOptions): { close(): Promise<void> } {
	const instanceId = options.instanceId ?? randomUUID();
	const log = options.log ?? ((message, e) => console.error(message, e));
	let running: Promise<void> | null = null;
	let again = false;
	const tick = () => {
		if (running) {
			again = true;
			return;
		}
		running = (async () => {
			try {
				await runReminders(options.db, instanceId);
				await remindRecordsDue(options.db);
				if (options.channels.length) await deliverPending(options.db, instanceId, options.channels, { origin: options.origin });
			} catch (e) {
				log('notifications: worker pass failed', e);
			}
		})().finally(() => {
			running = null;
			if (again) {
				again = false;
				tick();
			}
		});
	};
	const timer = setInterval(tick, options.intervalMs ?? 60_000);
	timer.unref();
	let soon: ReturnType<typeof setTimeout> | null = null;
	const off = onLive((event) => {
		if (event.type !== 'notifications.changed' || !options.channels.length || soon) return;
		soon = setTimeout(() => {
			soon = null;
			tick();
		}, 500);
	});
	tick();
	return {
		async close() {
			clearInterval(timer);
			if (soon) clearTimeout(soon);
			off();
			await running;
		}
	};
}
