// Which volunteers a list shows: the caller's subtree narrowed by the list's filters. Shared
// by the paged list and the spreadsheet export, so an export holds exactly what the list shows.
import { orgScope, type Principal } from '$lib/server/auth/authorize';
import type { Prisma } from '$lib/server/db';
import type { z } from 'zod';
import type { listVolunteersInput } from './schemas';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** ISO weekday (1 = Monday … 7 = Sunday) of a midnight-UTC date. */
const isoWeekday = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1;

export function volunteerListWhere(principal: Principal, input: z.output<typeof listVolunteersInput>, now = new Date()): Prisma.VolunteerProfileWhereInput {
	const today = day(now.toISOString().slice(0, 10));
	const on = input.availableOn ? day(input.availableOn) : null;
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
						{ availability: { some: { weekday: isoWeekday(on) } } },
						{ leaves: { none: { status: 'approved' as const, fromDate: { lte: on }, toDate: { gte: on } } } }
					]
				: []),
			...(input.onLeave === true ? [{ leaves: { some: { status: 'approved' as const, fromDate: { lte: today }, toDate: { gte: today } } } }] : [])
		]
	};
}
