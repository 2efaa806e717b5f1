// One live stream per open page (tRPC subscription over server-sent events): the
// caller's bell and the calendar hear what concerns them, fed by the process's live bus
// (which the Redis relay fills with the other instances' events too).
import { onLive, type LiveEvent } from '$lib/server/live/bus';
import { authedProcedure, router } from '$lib/server/trpc/init';
import { visibleSessionsWhere } from '$lib/features/calendar/sessions';

export type LiveMessage = { type: 'ready' } | { type: 'notifications' } | { type: 'sessions'; sessionIds: string[] };

export const liveRouter = router({
	events: authedProcedure.subscription(async function* ({ ctx, signal }) {
		const queue: LiveEvent[] = [];
		let wake: (() => void) | null = null;
		const off = onLive((event) => {
			queue.push(event);
			wake?.();
		});
		const stopped = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
		try {
			yield { type: 'ready' } as LiveMessage;
			while (!signal?.aborted) {
				if (!queue.length) await Promise.race([new Promise<void>((resolve) => (wake = resolve)), stopped]);
				wake = null;
				const events = queue.splice(0);
				if (events.some((e) => e.type === 'notifications.changed' && e.userIds.includes(ctx.user.id)))
					yield { type: 'notifications' } as LiveMessage;
				const ids = [...new Set(events.flatMap((e) => (e.type === 'sessions.changed' ? e.sessionIds : [])))];
				if (ids.length) {
					// Only sessions this person can see; a change elsewhere is none of their business.
					const visible = await ctx.db.scheduledSession.findMany({
						where: { AND: [visibleSessionsWhere(ctx.principal, {}), { id: { in: ids } }] },
						select: { id: true }
					});
					if (visible.length) yield { type: 'sessions', sessionIds: visible.map((v) => v.id) } as LiveMessage;
				}
			}
		} finally {
			off();
		}
	})
});
