// Travel minutes between the districts under an organisation (travel.edit).
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { orgProcedure } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { orgInput, travelTimesInput } from '../schemas';

export const travelProcedures = {
	travelMatrix: orgProcedure('org.view')
		.input(orgInput)
		.query(async ({ ctx }) => {
			const districts = await ctx.db.organization.findMany({
				where: { level: 'district', active: true, path: { startsWith: ctx.org.path } },
				select: { id: true, name: true },
				orderBy: { name: 'asc' }
			});
			const ids = districts.map((d) => d.id);
			const times = await ctx.db.travelTime.findMany({
				where: { fromId: { in: ids }, toId: { in: ids } },
				select: { fromId: true, toId: true, minutes: true }
			});
			return { districts, times };
		}),

	setTravelTimes: orgProcedure('travel.edit')
		.input(travelTimesInput)
		.mutation(async ({ ctx, input }) => {
			const districts = await ctx.db.organization.findMany({
				where: { level: 'district', path: { startsWith: ctx.org.path } },
				select: { id: true }
			});
			const inScope = new Set(districts.map((d) => d.id));
			input.entries.forEach((e, i) => {
				for (const key of ['fromId', 'toId'] as const) {
					if (!inScope.has(e[key]))
						throw fieldError(`entries.${i}.${key}`, m.orgs_error_district_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
				}
			});
			return ctx.db.$transaction(async (tx) => {
				let changed = 0;
				for (const e of input.entries) {
					const before = await tx.travelTime.findUnique({ where: { fromId_toId: { fromId: e.fromId, toId: e.toId } } });
					if (before?.minutes === e.minutes) continue;
					const after = await tx.travelTime.upsert({
						where: { fromId_toId: { fromId: e.fromId, toId: e.toId } },
						create: e,
						update: { minutes: e.minutes }
					});
					await recordAudit(tx, {
						actorId: ctx.user.id,
						orgId: ctx.org.id,
						entity: 'travel_time',
						entityId: `${e.fromId}>${e.toId}`,
						action: before ? 'update' : 'create',
						before: before ?? undefined,
						after
					});
					changed++;
				}
				return { changed };
			});
		})
};
