import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { orgScope } from '$lib/server/auth/authorize';
import { hashPassword } from '$lib/server/auth/password';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { recordAudit } from '$lib/server/audit';
import { authedProcedure, orgProcedure, publicProcedure, router } from '$lib/server/trpc/init';
import { CHILD_LEVEL, acceptInviteInput, createOrgInput, deactivateMemberInput, inviteInput } from './schemas';

const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
const hashCode = (code: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(code)));

export const orgsRouter = router({
	/** The organisations the caller can see, as a flat list ordered by path. */
	tree: authedProcedure.query(({ ctx }) =>
		ctx.db.organization.findMany({
			where: { ...orgScope(ctx.principal, 'org.view'), active: true },
			select: { id: true, name: true, nameEn: true, level: true, parentId: true, path: true, rural: true },
			orderBy: { path: 'asc' }
		})
	),

	create: orgProcedure('org.manage')
		.input(createOrgInput)
		.mutation(async ({ ctx, input }) => {
			const parent = await ctx.db.organization.findUniqueOrThrow({ where: { id: input.orgId } });
			if (CHILD_LEVEL[parent.level] !== input.level) {
				throw new TRPCError({
					code: 'BAD_REQUEST',
					message: `level: a ${parent.level} can only contain ${CHILD_LEVEL[parent.level] ?? 'nothing'}`
				});
			}
			return ctx.db.$transaction(async (tx) => {
				const created = await tx.organization.create({
					data: {
						name: input.name,
						nameEn: input.nameEn,
						level: input.level,
						rural: input.rural,
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
					}
				});
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'organization',
					entityId: org.id,
					action: 'create',
					after: org
				});
				return org;
			});
		}),

	invite: orgProcedure('user.invite')
		.input(inviteInput)
		.mutation(async ({ ctx, input }) => {
			// Only admins hand out admin rights.
			if (input.role === 'admin' && !ctx.principal.grants.some((g) => g.role === 'admin' && ctx.org.path.startsWith(g.path))) {
				throw new TRPCError({ code: 'FORBIDDEN', message: 'role: only an admin may invite an admin' });
			}
			const bytes = new Uint8Array(10);
			crypto.getRandomValues(bytes);
			const code = encodeBase32LowerCaseNoPadding(bytes);
			const invitation = await ctx.db.invitation.create({
				data: {
					codeHash: hashCode(code),
					orgId: input.orgId,
					role: input.role,
					displayName: input.displayName,
					phone: input.phone,
					createdById: ctx.user.id,
					expiresAt: new Date(Date.now() + INVITE_LIFETIME_MS)
				}
			});
			await recordAudit(ctx.db, {
				actorId: ctx.user.id,
				orgId: input.orgId,
				entity: 'invitation',
				entityId: invitation.id,
				action: 'create',
				after: { role: input.role, displayName: input.displayName, phone: input.phone }
			});
			return { code, expiresAt: invitation.expiresAt, path: `/invite/${code}` };
		}),

	acceptInvite: publicProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
		const invitation = await ctx.db.invitation.findUnique({ where: { codeHash: hashCode(input.code) } });
		if (!invitation || invitation.usedAt || invitation.expiresAt < new Date()) {
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'code: invitation is invalid, used or expired' });
		}
		const taken = await ctx.db.user.findFirst({
			where: { OR: [{ username: input.username }, ...(input.phone ? [{ phone: input.phone }] : [])] },
			select: { username: true }
		});
		if (taken) {
			const field = taken.username === input.username ? 'username' : 'phone';
			throw new TRPCError({ code: 'CONFLICT', message: `${field}: already in use` });
		}
		const passwordHash = await hashPassword(input.password);
		const user = await ctx.db.$transaction(async (tx) => {
			const user = await tx.user.create({
				data: {
					username: input.username,
					displayName: input.displayName,
					phone: input.phone ?? invitation.phone,
					passwordHash,
					locale: ctx.locale
				}
			});
			await tx.membership.create({ data: { userId: user.id, orgId: invitation.orgId, role: invitation.role } });
			await tx.invitation.update({ where: { id: invitation.id }, data: { usedAt: new Date(), usedById: user.id } });
			await recordAudit(tx, {
				actorId: user.id,
				orgId: invitation.orgId,
				entity: 'membership',
				entityId: user.id,
				action: 'create',
				after: { role: invitation.role, orgId: invitation.orgId }
			});
			return user;
		});
		const token = generateSessionToken();
		const session = await createSession(ctx.db, token, user.id);
		ctx.setSessionCookie?.(token, session.expiresAt);
		return { userId: user.id };
	}),

	members: orgProcedure('user.invite')
		.input(z.object({ orgId: z.string() }))
		.query(({ ctx }) =>
		ctx.db.membership.findMany({
			where: { orgId: ctx.org.id },
			select: {
				id: true,
				role: true,
				active: true,
				user: { select: { id: true, displayName: true, username: true } }
			},
			orderBy: { createdAt: 'asc' }
		})
	),

	deactivateMember: orgProcedure('user.invite')
		.input(deactivateMemberInput)
		.mutation(async ({ ctx, input }) => {
			const before = await ctx.db.membership.findFirst({ where: { id: input.membershipId, orgId: ctx.org.id } });
			if (!before) throw new TRPCError({ code: 'NOT_FOUND', message: 'membershipId: not found in this organisation' });
			const after = await ctx.db.membership.update({ where: { id: before.id }, data: { active: false } });
			await recordAudit(ctx.db, {
				actorId: ctx.user.id,
				orgId: ctx.org.id,
				entity: 'membership',
				entityId: before.id,
				action: 'update',
				before,
				after
			});
			return after;
		})
});
