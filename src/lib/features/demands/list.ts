// Which needs a list shows: the caller's subtree narrowed by the list's filters. Shared by
// the paged list and the spreadsheet export, so an export holds exactly what the list shows.
import { nameInitials } from '$lib/domain/pinyin';
import { orgScope, type Principal } from '$lib/server/auth/authorize';
import type { Db, Prisma } from '$lib/server/db';
import type { listDemandsInput } from './schemas';
import type { z } from 'zod';

/** Letters only: a search that may be the pinyin initials of a school's name. */
const INITIALS = /^[a-z]+$/i;

const initialsCache = new Map<string, string>();
function cachedInitials(name: string): string {
	let initials = initialsCache.get(name);
	if (initials === undefined) {
		initials = nameInitials(name);
		initialsCache.set(name, initials);
	}
	return initials;
}

/** Schools and village groups in the caller's scope whose names' initials start with `search`. */
async function orgsByInitials(db: Db, principal: Principal, search: string): Promise<string[]> {
	const wanted = search.toLowerCase();
	const orgs = await db.organization.findMany({
		where: { ...orgScope(principal, 'demand.view'), level: { in: ['school', 'village_group'] } },
		select: { id: true, name: true }
	});
	return orgs.filter((o) => cachedInitials(o.name).startsWith(wanted)).map((o) => o.id);
}

export async function demandListWhere(
	db: Db,
	principal: Principal,
	input: z.output<typeof listDemandsInput>
): Promise<Prisma.DemandWhereInput> {
	const byInitials = input.search && INITIALS.test(input.search) ? await orgsByInitials(db, principal, input.search) : [];
	return {
		org: {
			...orgScope(principal, 'demand.view'),
			...(input.orgId ? { path: { contains: `/${input.orgId}/` } } : {}),
			...(input.districtId ? { districtId: input.districtId } : {})
		},
		...(input.kind ? { kind: input.kind } : {}),
		...(input.topic ? { topic: input.topic } : {}),
		...(input.status ? { status: input.status } : {}),
		...(input.priority ? { priority: input.priority } : {}),
		...(input.search
			? {
					OR: [
						{ title: { contains: input.search } },
						{ org: { name: { contains: input.search } } },
						...(byInitials.length ? [{ orgId: { in: byInitials } }] : [])
					]
				}
			: {})
	};
}
