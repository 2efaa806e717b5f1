// The members of an organisation, and switching a membership off or on (user.invite).
import { m } from '$lib/paraglide/messages';
import { accessChanged } from '$lib/server/auth/access-events';
import { recordAudit } from '$lib/server/audit';
import { orgProcedure, type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { isAdminOver } from '../roles';
import { memberInput, orgInput } from '../schemas';

async function findMembership(ctx: AuthedContext & { org: { id: string; path: string } }, membershipId: string) {
	const membership = await ctx.db.membership.findFirst({
		where: { id: membershipId, orgId: ctx.org.id },
		select: { id: true, userId: true, orgId: true, role: true, active: true }
	});
	if (!membership) throw fieldError('membershipId', m.orgs_error_member_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
	if (membership.userId === ctx.user.id) {
		throw fieldError('membershipId', m.orgs_error_member_self({}, { locale: ctx.locale }));
	}
	if (membership.role === 'admin' && !isAdminOver(ctx.principal, ctx.org.path)) {
		throw fieldError('membershipId', m.orgs_error_member_admin({}, { locale: ctx.locale }), 'FORBIDDEN');
	}
	return membership;
}

async function setMembershipActive(ctx: AuthedContext & { org: { id: string; path: string } }, membershipId: string, active: boolean) {
	const before = await findMembership(ctx, membershipId);
	const after = await ctx.db.$transaction(async (tx) => {
		const after = await tx.membership.update({
			where: { id: before.id },
			data: { active },
			select: { id: true, userId: true, orgId: true, role: true, active: true }
		});
		await recordAudit(tx, {
			actorId: ctx.user.id,
			orgId: ctx.org.id,
			entity: 'membership',
			entityId: before.id,
			action: 'update',
			before,
			after
		});
		return after;
	});
	if (!active) accessChanged({ userIds: [after.userId] });
	return after;
}

export const memberProcedures = {
	members: orgProcedure('user.invite')
		.input(orgInput)
		.query(async ({ ctx }) => {
			const members = await ctx.db.membership.findMany({
				where: { orgId: ctx.org.id },
				select: {
					id: true,
					role: true,
					active: true,
					createdAt: true,
					user: { select: { id: true, displayName: true, username: true, phone: true, active: true } }
				},
				orderBy: [{ active: 'desc' }, { createdAt: 'asc' }]
			});
			const admin = isAdminOver(ctx.principal, ctx.org.path);
			return members.map((member) => ({ ...member, changeable: member.user.id !== ctx.user.id && (member.role !== 'admin' || admin) }));
		}),

	deactivateMember: orgProcedure('user.invite')
		.input(memberInput)
		.mutation(({ ctx, input }) => setMembershipActive(ctx, input.membershipId, false)),

	reactivateMember: orgProcedure('user.invite')
		.input(memberInput)
		.mutation(({ ctx, input }) => setMembershipActive(ctx, input.membershipId, true))
};
