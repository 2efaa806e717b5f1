// Invitations to join an organisation with a role, and accepting one (which creates the account).
import { m } from '$lib/paraglide/messages';
import { hashPassword } from '$lib/server/auth/password';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { lockedUntil, recordFailure, IP_RULE } from '$lib/server/auth/throttle';
import { recordAudit } from '$lib/server/audit';
import { Prisma } from '$lib/server/db';
import { orgProcedure, publicProcedure } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { INVITE_LIFETIME_MS, generateInviteCode, hashInviteCode } from '../invite-code';
import { isAdminOver, roleFitsLevel } from '../roles';
import { acceptInviteInput, invitationInput, invitationLookupInput, inviteInput, orgInput } from '../schemas';
import { loadOrg } from './org';

const inviteThrottleKey = (ip: string) => `invite-ip:${ip}`;

export const invitationProcedures = {
	invite: orgProcedure('user.invite')
		.input(inviteInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			if (input.role === 'admin' && !isAdminOver(ctx.principal, org.path)) {
				throw fieldError('role', m.orgs_error_invite_admin({}, { locale: ctx.locale }), 'FORBIDDEN');
			}
			if (!roleFitsLevel(input.role, org.level)) {
				throw fieldError('role', m.orgs_error_role_level({}, { locale: ctx.locale }));
			}
			const code = generateInviteCode();
			return ctx.db.$transaction(async (tx) => {
				const invitation = await tx.invitation.create({
					data: {
						codeHash: hashInviteCode(code),
						orgId: org.id,
						role: input.role,
						displayName: input.displayName,
						phone: input.phone,
						createdById: ctx.user.id,
						expiresAt: new Date(Date.now() + INVITE_LIFETIME_MS)
					}
				});
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'invitation',
					entityId: invitation.id,
					action: 'create',
					after: { role: input.role, displayName: input.displayName, phone: input.phone, expiresAt: invitation.expiresAt }
				});
				return { code, expiresAt: invitation.expiresAt, path: `/invite/${code}` };
			});
		}),

	/** Invitations of the organisation not yet used (the codes themselves are never stored). */
	invitations: orgProcedure('user.invite')
		.input(orgInput)
		.query(({ ctx }) =>
			ctx.db.invitation.findMany({
				where: { orgId: ctx.org.id, usedAt: null, expiresAt: { gt: new Date() } },
				select: {
					id: true,
					role: true,
					displayName: true,
					phone: true,
					expiresAt: true,
					createdAt: true,
					createdBy: { select: { displayName: true } }
				},
				orderBy: { createdAt: 'desc' }
			})
		),

	revokeInvitation: orgProcedure('user.invite')
		.input(invitationInput)
		.mutation(async ({ ctx, input }) => {
			const before = await ctx.db.invitation.findFirst({
				where: { id: input.invitationId, orgId: ctx.org.id, usedAt: null },
				select: { id: true, role: true, expiresAt: true }
			});
			if (!before) throw fieldError('invitationId', m.orgs_error_invitation_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
			return ctx.db.$transaction(async (tx) => {
				// Expiring now is revoking: the code stops working and the row stays for the record.
				const after = await tx.invitation.update({
					where: { id: before.id },
					data: { expiresAt: new Date() },
					select: { id: true, role: true, expiresAt: true }
				});
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: ctx.org.id,
					entity: 'invitation',
					entityId: before.id,
					action: 'revoke',
					before,
					after
				});
				return after;
			});
		}),

	/** What the holder of a code is invited to; the same answer for unknown, used and expired codes. */
	invitation: publicProcedure.input(invitationLookupInput).query(async ({ ctx, input }) => {
		const ipKey = inviteThrottleKey(ctx.ip);
		if (await lockedUntil(ctx.db, [ipKey])) return null;
		const invitation = await ctx.db.invitation.findUnique({
			where: { codeHash: hashInviteCode(input.code) },
			select: {
				role: true,
				displayName: true,
				phone: true,
				expiresAt: true,
				usedAt: true,
				org: { select: { name: true, level: true, active: true } }
			}
		});
		if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date() || !invitation.org.active) {
			await recordFailure(ctx.db, ipKey, IP_RULE);
			return null;
		}
		return {
			role: invitation.role,
			displayName: invitation.displayName,
			phone: invitation.phone,
			expiresAt: invitation.expiresAt,
			org: { name: invitation.org.name, level: invitation.org.level }
		};
	}),

	acceptInvite: publicProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
		const locale = ctx.locale;
		const ipKey = inviteThrottleKey(ctx.ip);
		const locked = await lockedUntil(ctx.db, [ipKey]);
		if (locked) throw fieldError('code', m.orgs_error_invite_throttled({}, { locale }), 'TOO_MANY_REQUESTS');
		const invalid = async () => {
			await recordFailure(ctx.db, ipKey, IP_RULE);
			return fieldError('code', m.orgs_error_invite_invalid({}, { locale }));
		};
		const invitation = await ctx.db.invitation.findUnique({
			where: { codeHash: hashInviteCode(input.code) },
			include: { org: { select: { active: true } } }
		});
		if (!invitation || invitation.usedAt || invitation.expiresAt <= new Date() || !invitation.org.active) throw await invalid();
		const phone = input.phone ?? invitation.phone ?? undefined;
		const taken = await ctx.db.user.findFirst({
			where: { OR: [{ username: input.username }, ...(phone ? [{ phone }] : [])] },
			select: { username: true }
		});
		if (taken) {
			const field = taken.username === input.username ? 'username' : 'phone';
			throw fieldError(
				field,
				field === 'username' ? m.orgs_error_username_taken({}, { locale }) : m.orgs_error_phone_taken({}, { locale }),
				'CONFLICT'
			);
		}
		const passwordHash = await hashPassword(input.password);
		const userId = await ctx.db
			.$transaction(async (tx) => {
				const now = new Date();
				// Claiming the invitation first makes two simultaneous accepts end with one account.
				const claimed = await tx.invitation.updateMany({
					where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } },
					data: { usedAt: now }
				});
				if (claimed.count !== 1) return null;
				const user = await tx.user.create({
					data: { username: input.username, displayName: input.displayName, phone: phone ?? null, passwordHash, locale }
				});
				await tx.invitation.update({ where: { id: invitation.id }, data: { usedById: user.id } });
				const membership = await tx.membership.create({
					data: { userId: user.id, orgId: invitation.orgId, role: invitation.role },
					select: { id: true, userId: true, orgId: true, role: true, active: true }
				});
				await recordAudit(tx, {
					actorId: user.id,
					orgId: invitation.orgId,
					entity: 'membership',
					entityId: membership.id,
					action: 'create',
					after: { ...membership, invitationId: invitation.id }
				});
				return user.id;
			})
			.catch((e: unknown) => {
				// Someone took the name or phone between the check above and now.
				if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
					const phoneTaken = JSON.stringify(e.meta ?? {}).includes('phone');
					throw phoneTaken
						? fieldError('phone', m.orgs_error_phone_taken({}, { locale }), 'CONFLICT')
						: fieldError('username', m.orgs_error_username_taken({}, { locale }), 'CONFLICT');
				}
				throw e;
			});
		if (!userId) throw await invalid();
		const token = generateSessionToken();
		const session = await createSession(ctx.db, token, userId);
		ctx.setSessionCookie?.(token, session.expiresAt);
		return { userId };
	})

	/** People holding a role directly on the organisation, and whether the caller may change each role. */
};
