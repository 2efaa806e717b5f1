// The notification centre: one's own notifications only, read marks, channel choices.
import { recordAudit } from '$lib/server/audit';
import { notified } from '$lib/server/live/notify';
import { authedProcedure, router } from '$lib/server/trpc/init';
import { toView } from './render';
import { channelSettingInput, listInput, markReadInput } from './schemas';

export const notificationsRouter = router({
	list: authedProcedure.input(listInput).query(async ({ ctx, input }) => {
		const [rows, unread] = await Promise.all([
			ctx.db.notification.findMany({
				where: { userId: ctx.user.id, ...(input.unreadOnly && { readAt: null }) },
				orderBy: { createdAt: 'desc' },
				take: input.limit
			}),
			ctx.db.notification.count({ where: { userId: ctx.user.id, readAt: null } })
		]);
		return { items: rows.map((r) => toView(r, ctx.locale)), unread };
	}),

	unreadCount: authedProcedure.query(({ ctx }) => ctx.db.notification.count({ where: { userId: ctx.user.id, readAt: null } })),

	markRead: authedProcedure.input(markReadInput).mutation(async ({ ctx, input }) => {
		// Someone else's ids simply match nothing.
		const { count } = await ctx.db.notification.updateMany({
			where: { id: { in: input.ids }, userId: ctx.user.id, readAt: null },
			data: { readAt: new Date() }
		});
		if (count) notified([ctx.user.id]);
		return { marked: count };
	}),

	markAllRead: authedProcedure.mutation(async ({ ctx }) => {
		const { count } = await ctx.db.notification.updateMany({ where: { userId: ctx.user.id, readAt: null }, data: { readAt: new Date() } });
		if (count) notified([ctx.user.id]);
		return { marked: count };
	}),

	channels: authedProcedure.query(async ({ ctx }) => {
		const rows = await ctx.db.notificationChannelSetting.findMany({ where: { userId: ctx.user.id } });
		const email = rows.find((r) => r.channel === 'email');
		return { email: { enabled: email?.enabled ?? false, address: email?.address ?? '' } };
	}),

	setChannel: authedProcedure.input(channelSettingInput).mutation(async ({ ctx, input }) => {
		const key = { userId_channel: { userId: ctx.user.id, channel: input.channel } };
		const before = await ctx.db.notificationChannelSetting.findUnique({ where: key });
		await ctx.db.$transaction(async (tx) => {
			await tx.notificationChannelSetting.upsert({
				where: key,
				create: { userId: ctx.user.id, channel: input.channel, address: input.address, enabled: input.enabled },
				update: { address: input.address, enabled: input.enabled }
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: null,
				entity: 'notification_channel',
				entityId: `${ctx.user.id}:${input.channel}`,
				action: before ? 'update' : 'create',
				before: before ? { enabled: before.enabled, address: before.address } : undefined,
				after: { enabled: input.enabled, address: input.address }
			});
		});
		return { ok: true };
	})
});
