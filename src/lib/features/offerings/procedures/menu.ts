// The resource menu (资源菜单): what a school may book.
import { partsOf } from '$lib/features/volunteers/domain';
import { authedProcedure, requireOrgPermission } from '$lib/server/trpc/init';
import { menuInput } from '../schemas';
import { fieldsOf, reachOf } from './offering';

/** Weekday parts a veteran is usually free ("2:morning"), for the menu; never a phone number. */
const usualTimes = (slots: { weekday: number; fromMinute: number; toMinute: number }[]) => [...partsOf(slots)].sort();

export const menuProcedures = {
	/** What this school may book: approved offerings it can be served by — online, or offline within the veteran's travel. */
	menu: authedProcedure.input(menuInput).query(async ({ ctx, input }) => {
		const school = await requireOrgPermission(ctx, 'offering.book', input.orgId);
		const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: school.id }, select: { districtId: true } });
		const minutesFrom = await reachOf(ctx.db, org.districtId);
		const search = input.search;
		const rows = await ctx.db.offering.findMany({
			where: {
				status: 'approved',
				volunteer: { active: true },
				...(input.topic ? { topic: input.topic } : {}),
				...(input.kind ? { kind: input.kind } : {}),
				...(input.audience ? { audience: { contains: input.audience } } : {}),
				...(search
					? {
							OR: [
								{ title: { contains: search } },
								{ description: { contains: search } },
								{ titleInitials: { startsWith: search.toLowerCase() } },
								{ volunteer: { nameInitials: { startsWith: search.toLowerCase() } } }
							]
						}
					: {})
			},
			include: {
				volunteer: {
					select: {
						id: true,
						name: true,
						category: true,
						homeDistrictId: true,
						maxTravelMinutes: true,
						availability: { select: { weekday: true, fromMinute: true, toMinute: true } }
					}
				}
			},
			orderBy: [{ topic: 'asc' }, { title: 'asc' }]
		});
		const offers = rows
			.map((o) => {
				const minutes = minutesFrom(o.volunteer.homeDistrictId);
				const offline = o.offersOffline && minutes !== null && minutes <= o.volunteer.maxTravelMinutes;
				return {
					o,
					modes: [...(offline ? ['offline' as const] : []), ...(o.offersOnline ? ['online' as const] : [])],
					minutes: offline ? minutes : null
				};
			})
			.filter((x) => x.modes.length > 0 && (!input.mode || x.modes.includes(input.mode)));
		const page = offers.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
		return {
			total: offers.length,
			page: input.page,
			pageSize: input.pageSize,
			rows: page.map(({ o, modes, minutes }) => ({
				id: o.id,
				fields: fieldsOf(o),
				modes,
				travelMinutes: minutes,
				volunteer: { name: o.volunteer.name, category: o.volunteer.category, usualTimes: usualTimes(o.volunteer.availability) }
			}))
		};
	})
};
