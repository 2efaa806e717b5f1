// The tree and each organisation's details: view, create children, edit, deactivate, reactivate.
import { nameInitials } from '$lib/domain/pinyin';
import { m } from '$lib/paraglide/messages';
import { accessChanged } from '$lib/server/auth/access-events';
import { can, orgScope } from '$lib/server/auth/authorize';
import { authedProcedure, orgProcedure } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { invitableRoles, keepsCalendar } from '../roles';
import { CHILD_LEVEL, createOrgInput, orgInput, treeInput, updateOrgInput } from '../schemas';
import { LEVEL_LABEL, auditOrgChange, loadOrg, orgSnapshot, requireManageOnParent } from './org';

export const treeProcedures = {
	tree: authedProcedure.input(treeInput).query(async ({ ctx, input }) => {
		const orgs = await ctx.db.organization.findMany({
			where: { ...orgScope(ctx.principal, 'org.view'), ...(input?.includeInactive ? {} : { active: true }) },
			select: { id: true, name: true, nameEn: true, level: true, parentId: true, path: true, rural: true, active: true },
			orderBy: { path: 'asc' }
		});
		return orgs.map((o) => ({ ...o, initials: nameInitials(o.name) }));
	}),

	/** One organisation: details, calendar, visiting hours and what the caller may do there. */
	detail: orgProcedure('org.view')
		.input(orgInput)
		.query(async ({ ctx }) => {
			const org = await ctx.db.organization.findUniqueOrThrow({
				where: { id: ctx.org.id },
				select: {
					...orgSnapshot,
					parent: { select: { id: true, name: true, path: true, active: true } },
					calendar: { orderBy: { fromDate: 'asc' }, select: { id: true, kind: true, label: true, fromDate: true, toDate: true } },
					visitingHours: {
						orderBy: [{ weekday: 'asc' }, { fromMinute: 'asc' }],
						select: { weekday: true, fromMinute: true, toMinute: true }
					}
				}
			});
			const p = ctx.principal;
			const manageParent = !!org.parent && can(p, 'org.manage', org.parent.path);
			return {
				// The parent is named only to those who may see it.
				org: { ...org, parent: org.parent && can(p, 'org.view', org.parent.path) ? { id: org.parent.id, name: org.parent.name } : null },
				childLevel: CHILD_LEVEL[org.level],
				keepsCalendar: keepsCalendar(org.level),
				can: {
					manage: can(p, 'org.manage', org.path),
					deactivate: manageParent && org.active,
					reactivate: manageParent && !org.active && !!org.parent?.active,
					calendar: can(p, 'calendar.edit', org.path) && keepsCalendar(org.level),
					invite: can(p, 'user.invite', org.path),
					travel: can(p, 'travel.edit', org.path),
					audit: can(p, 'audit.view', org.path)
				},
				inviteRoles: can(p, 'user.invite', org.path) ? invitableRoles(p, org) : []
			};
		}),

	create: orgProcedure('org.manage')
		.input(createOrgInput)
		.mutation(async ({ ctx, input }) => {
			const parent = await loadOrg(ctx, input.orgId);
			const childLevel = CHILD_LEVEL[parent.level];
			if (childLevel !== input.level) {
				throw fieldError(
					'level',
					childLevel
						? m.orgs_error_child_level({ child: LEVEL_LABEL[childLevel]({}, { locale: ctx.locale }) }, { locale: ctx.locale })
						: m.orgs_error_no_children({}, { locale: ctx.locale })
				);
			}
			return ctx.db.$transaction(async (tx) => {
				const created = await tx.organization.create({
					data: {
						name: input.name,
						nameEn: input.nameEn,
						level: input.level,
						rural: input.rural,
						rooms: input.rooms,
						address: input.address,
						parentId: parent.id,
						path: 'pending',
						districtId: parent.districtId
					}
				});
				const org = await tx.organization.update({
					where: { id: created.id },
					data: {
						path: `${parent.path}${created.id}/`,
						districtId: input.level === 'district' ? created.id : parent.districtId
					},
					select: orgSnapshot
				});
				await auditOrgChange(tx, ctx.user.id, undefined, org, 'create');
				return org;
			});
		}),

	update: orgProcedure('org.manage')
		.input(updateOrgInput)
		.mutation(async ({ ctx, input }) => {
			const before = await loadOrg(ctx, input.orgId);
			return ctx.db.$transaction(async (tx) => {
				const after = await tx.organization.update({
					where: { id: before.id },
					data: {
						name: input.name,
						nameEn: input.nameEn ?? null,
						rural: input.rural,
						rooms: input.rooms,
						address: input.address ?? null
					},
					select: orgSnapshot
				});
				await auditOrgChange(tx, ctx.user.id, before, after, 'update');
				return after;
			});
		}),

	/** Switches off the organisation and everything below it; memberships there stop working. */
	deactivate: orgProcedure('org.manage')
		.input(orgInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			await requireManageOnParent(ctx, org.parentId);
			const result = await ctx.db.$transaction(async (tx) => {
				const subtree = await tx.organization.findMany({ where: { path: { startsWith: org.path }, active: true }, select: orgSnapshot });
				await tx.organization.updateMany({ where: { id: { in: subtree.map((o) => o.id) } }, data: { active: false } });
				for (const o of subtree) await auditOrgChange(tx, ctx.user.id, o, { ...o, active: false }, 'deactivate');
				return { deactivated: subtree.length };
			});
			// Memberships anywhere in the subtree stopped working: everyone's boards are re-checked.
			accessChanged({});
			return result;
		}),

	/** Switches one organisation back on; its parent must be active, its children stay as they are. */
	reactivate: orgProcedure('org.manage')
		.input(orgInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId, { mustBeActive: false });
			const parent = await requireManageOnParent(ctx, org.parentId);
			if (!parent.active) throw fieldError('orgId', m.orgs_error_parent_inactive({}, { locale: ctx.locale }));
			return ctx.db.$transaction(async (tx) => {
				const after = await tx.organization.update({ where: { id: org.id }, data: { active: true }, select: orgSnapshot });
				await auditOrgChange(tx, ctx.user.id, org, after, 'reactivate');
				return after;
			});
		})
};
