// Delivery of notifications on the channels users switched on (email now). Each
// notification and channel gets one NotificationDelivery row, whose primary key is the
// claim: the instance that inserts it sends, any other gets a conflict and moves on.
// Only notifications written after the channel was switched on are sent, at most two days
// old, so switching email on does not flood anyone with history.
import { Prisma, type Db } from '$lib/server/db';
import type { Channel } from './channels';
import { notificationText, parsePayload, safeHref } from './render';

const LOOKBACK_MS = 2 * 86_400_000;
const BATCH = 200;

export async function deliverPending(
	db: Db,
	instanceId: string,
	channels: readonly Channel[],
	options: { origin: string; now?: Date }
): Promise<number> {
	const now = options.now ?? new Date();
	let delivered = 0;
	for (const channel of channels) {
		const settings = await db.notificationChannelSetting.findMany({ where: { channel: channel.id, enabled: true } });
		if (!settings.length) continue;
		const byUser = new Map(settings.map((s) => [s.userId, s]));
		const earliest = new Date(Math.max(now.getTime() - LOOKBACK_MS, Math.min(...settings.map((s) => s.updatedAt.getTime()))));
		const candidates = (
			await db.notification.findMany({
				where: { userId: { in: [...byUser.keys()] }, createdAt: { gte: earliest } },
				orderBy: { createdAt: 'asc' },
				take: BATCH * 5,
				select: { id: true, userId: true, kind: true, payload: true, createdAt: true, user: { select: { locale: true } } }
			})
		).filter((n) => n.createdAt >= byUser.get(n.userId)!.updatedAt);
		if (!candidates.length) continue;
		const done = new Set(
			(
				await db.notificationDelivery.findMany({
					where: { channel: channel.id, notificationId: { in: candidates.map((n) => n.id) } },
					select: { notificationId: true }
				})
			).map((d) => d.notificationId)
		);
		for (const n of candidates.filter((c) => !done.has(c.id)).slice(0, BATCH)) {
			try {
				await db.notificationDelivery.create({
					data: { notificationId: n.id, channel: channel.id, claimedBy: instanceId, claimedAt: now }
				});
			} catch (e) {
				if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') continue;
				throw e;
			}
			const locale = n.user.locale === 'en' ? 'en' : 'zh';
			const payload = parsePayload(n.payload);
			const href = safeHref(payload);
			try {
				await channel.send({
					to: byUser.get(n.userId)!.address,
					locale,
					text: notificationText(n.kind, payload, locale),
					url: href ? `${options.origin}${href}` : null
				});
				await db.notificationDelivery.update({
					where: { notificationId_channel: { notificationId: n.id, channel: channel.id } },
					data: { sentAt: new Date() }
				});
				delivered++;
			} catch (e) {
				// Kept with its error for the operators; never retried, so nobody gets it twice.
				await db.notificationDelivery.update({
					where: { notificationId_channel: { notificationId: n.id, channel: channel.id } },
					data: { error: e instanceof Error ? e.message.slice(0, 500) : String(e) }
				});
			}
		}
	}
	return delivered;
}
