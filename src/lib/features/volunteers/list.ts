// Which volunteers a list shows: the caller's subtree narrowed by the list's filters. Shared
// by the paged list and the spreadsheet export, so an export holds exactly what the list shows.
import { dayToDate, today as todayIn, weekdayOf } from '$lib/domain/dates';
import { orgScope, type Principal } from '$lib/server/auth/authorize';
import type { Prisma } from '$lib/server/db';
import type { z } from 'zod';
import type { listVolunteersInput } from './schemas';

export function volunteerListWhere(
	principal: Principal,
	input: z.output<typeof listVolunteersInput>,
	now = new Date()
): Prisma.VolunteerProfileWhereInput {
	const today = dayToDate(todayIn(now));
	const on = input.availableOn;
	const search = input.search.toLowerCase();
	return {
		active: true,
		org: orgScope(principal, 'volunteer.view'),
		...(input.districtId ? { homeDistrictId: input.districtId } : {}),
		...(input.category ? { category: input.category } : {}),
		...(input.topic ? { topics: { some: { topic: input.topic } } } : {}),
		...(search ? { OR: [{ name: { contains: input.search } }, { nameInitials: { startsWith: search } }] } : {}),
		AND: [
			...(on
				? [
						{ availability: { some: { weekday: weekdayOf(on) } } },
						{ leaves: { none: { status: 'approved' as const, fromDate: { lte: dayToDate(on) }, toDate: { gte: dayToDate(on) } } } }
					]
				: []),
			...(input.onLeave === true
				? [{ leaves: { some: { status: 'approved' as const, fromDate: { lte: today }, toDate: { gte: today } } } }]
				: [])
		]
	};
}
