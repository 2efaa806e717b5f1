// Which needs a list shows: the caller's subtree narrowed by the list's filters. Shared by
// the paged list and the spreadsheet export, so an export holds exactly what the list shows.
import { orgScope, type Principal } from '$lib/server/auth/authorize';
import type { Prisma } from '$lib/server/db';
import type { listDemandsInput } from './schemas';
import type { z } from 'zod';

export function demandListWhere(principal: Principal, input: z.output<typeof listDemandsInput>): Prisma.DemandWhereInput {
	return {
		org: { ...orgScope(principal, 'demand.view'), ...(input.orgId ? { path: { contains: `/${input.orgId}/` } } : {}) },
		...(input.kind ? { kind: input.kind } : {}),
		...(input.topic ? { topic: input.topic } : {}),
		...(input.status ? { status: input.status } : {}),
		...(input.priority ? { priority: input.priority } : {}),
		...(input.search ? { OR: [{ title: { contains: input.search } }, { org: { name: { contains: input.search } } }] } : {})
	};
}
