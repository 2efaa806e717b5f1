// The audit log, read-only: entries about organisations in the caller's 'audit.view'
// subtree (admins and coordinators), filtered and paged, as readable field changes.
import { TRPCError } from '@trpc/server';
import { orgScope, scopeRoots } from '$lib/server/auth/authorize';
import { authedProcedure, requireOrgPermission, router, type AuthedContext } from '$lib/server/trpc/init';
import { diffSnapshots, nameReferences, referencedUserIds } from './diff';
import { endOfDayIn, startOfDayIn } from '$lib/domain/dates';
import { AUDIT_PAGE_SIZE, auditFacetsInput, auditFilters } from './schemas';

/** The organisations whose entries the caller may read, optionally narrowed to one subtree. */
async function auditScope(ctx: AuthedContext, orgId: string | undefined) {
	const roots = scopeRoots(ctx.principal, 'audit.view');
	if (!roots.length) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: audit.view' });
	const within = orgId ? await requireOrgPermission(ctx, 'audit.view', orgId) : null;
	const orgs = await ctx.db.organization.findMany({
		where: within ? { path: { startsWith: within.path } } : orgScope(ctx.principal, 'audit.view'),
		select: { id: true, name: true, level: true, path: true },
		orderBy: { path: 'asc' }
	});
	// Entries tied to no organisation are for whoever holds the grant at the top of the tree.
	const withoutOrg = !within && roots.some((r) => r.split('/').filter(Boolean).length === 1);
	const ids = orgs.map((o) => o.id);
	const where = withoutOrg ? { OR: [{ orgId: { in: ids } }, { orgId: null }] } : { orgId: { in: ids } };
	return { orgs, where };
}

export const auditRouter = router({
	list: authedProcedure.input(auditFilters).query(async ({ ctx, input }) => {
		const { orgs, where: scoped } = await auditScope(ctx, input.orgId);
		const where = {
			AND: [
				scoped,
				{
					entity: input.entity,
					action: input.action,
					actor: input.actor ? { OR: [{ displayName: { contains: input.actor } }, { username: { contains: input.actor } }] } : undefined,
					// Days in the filter are days where the committees are.
					at:
						input.from || input.to
							? { gte: input.from ? startOfDayIn(input.from) : undefined, lt: input.to ? endOfDayIn(input.to) : undefined }
							: undefined
				}
			]
		};
		const [total, rows] = await Promise.all([
			ctx.db.auditLog.count({ where }),
			ctx.db.auditLog.findMany({
				where,
				orderBy: [{ at: 'desc' }, { id: 'desc' }],
				skip: (input.page - 1) * AUDIT_PAGE_SIZE,
				take: AUDIT_PAGE_SIZE,
				select: {
					id: true,
					at: true,
					entity: true,
					entityId: true,
					action: true,
					orgId: true,
					before: true,
					after: true,
					actor: { select: { displayName: true, username: true } }
				}
			})
		]);
		const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
		const diffs = rows.map((r) => diffSnapshots(r.before, r.after));
		const userIds = [...new Set(diffs.flatMap(referencedUserIds))];
		const users = userIds.length
			? await ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })
			: [];
		const userNames = new Map(users.map((u) => [u.id, u.displayName]));
		return {
			entries: rows.map((r, i) => ({
				id: r.id,
				at: r.at,
				entity: r.entity,
				entityId: r.entityId,
				action: r.action,
				actor: r.actor,
				orgName: r.orgId ? (orgNames.get(r.orgId) ?? null) : null,
				changes: nameReferences(diffs[i], orgNames, userNames)
			})),
			total,
			page: input.page,
			pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE))
		};
	}),

	/** What the filters can offer: the entities and actions present, and the organisations in scope. */
	facets: authedProcedure.input(auditFacetsInput).query(async ({ ctx, input }) => {
		const { orgs, where } = await auditScope(ctx, input?.orgId);
		const [entities, actions] = await Promise.all([
			ctx.db.auditLog.findMany({ where, distinct: ['entity'], select: { entity: true }, orderBy: { entity: 'asc' } }),
			ctx.db.auditLog.findMany({ where, distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } })
		]);
		const minDepth = Math.min(...orgs.map((o) => o.path.split('/').length));
		return {
			entities: entities.map((e) => e.entity),
			actions: actions.map((a) => a.action),
			orgs: orgs.map((o) => ({ id: o.id, name: o.name, level: o.level, depth: o.path.split('/').length - minDepth }))
		};
	})
});
