// Organisation admin: the tree, each organisation's details, calendar and visiting hours,
// travel times between districts, members and invitations. Who may do what:
//   org.view      read the tree and an organisation's details (admin, coordinator, leader, school)
//   org.manage    edit name/rural/rooms/address, add children; deactivate or reactivate
//                 needs it on the parent, so nobody switches off the root of their own grant
//   calendar.edit calendar entries and visiting hours (admin, coordinator, school)
//   travel.edit   the travel-time matrix of the districts under an organisation
//   user.invite   members, invitations, deactivating memberships (admin, coordinator)
// Every grant reaches its organisation's subtree; ids outside it fail like missing ones.
import { TRPCError } from '@trpc/server';
import type { Locale } from '$lib/validation/issues';
import type { OrgLevelCode } from '$lib/domain/vocabulary';
import { nameInitials } from '$lib/domain/pinyin';
import { m } from '$lib/paraglide/messages';
import { accessChanged } from '$lib/server/auth/access-events';
import { can, orgScope } from '$lib/server/auth/authorize';
import { hashPassword } from '$lib/server/auth/password';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { lockedUntil, recordFailure, IP_RULE } from '$lib/server/auth/throttle';
import { recordAudit } from '$lib/server/audit';
import { Prisma } from '$lib/server/db';
import { authedProcedure, orgProcedure, publicProcedure, router, type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { dateToDay, dayToDate, formatMinute } from '$lib/domain/dates';
import { INVITE_LIFETIME_MS, generateInviteCode, hashInviteCode } from './invite-code';
import { invitableRoles, isAdminOver, keepsCalendar, roleFitsLevel } from './roles';
import { replanAfterBlackout } from '$lib/features/scheduling/replan';
import {
	CHILD_LEVEL,
	acceptInviteInput,
	addCalendarEntryInput,
	createOrgInput,
	deleteCalendarEntryInput,
	invitationInput,
	invitationLookupInput,
	inviteInput,
	memberInput,
	orgInput,
	setVisitingHoursInput,
	travelTimesInput,
	treeInput,
	updateCalendarEntryInput,
	updateOrgInput
} from './schemas';

const inviteThrottleKey = (ip: string) => `invite-ip:${ip}`;

const orgSnapshot = {
	id: true,
	name: true,
	nameEn: true,
	level: true,
	parentId: true,
	path: true,
	districtId: true,
	rural: true,
	rooms: true,
	address: true,
	active: true
} as const;

type Tx = Prisma.TransactionClient;

const LEVEL_LABEL = { city: m.level_city, district: m.level_district, school: m.level_school, village_group: m.level_village_group };

/** The organisation named by the input, with the fields rules need; it must be active to change. */
async function loadOrg(ctx: AuthedContext, orgId: string, { mustBeActive = true } = {}) {
	const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: orgId }, select: orgSnapshot });
	if (mustBeActive && !org.active) throw fieldError('orgId', m.orgs_error_org_inactive({}, { locale: ctx.locale }));
	return org;
}

function requireCalendar(ctx: AuthedContext, level: OrgLevelCode) {
	if (!keepsCalendar(level)) throw fieldError('orgId', m.orgs_error_no_calendar({}, { locale: ctx.locale }));
}

/** Deactivating or reactivating an organisation is decided one level up. */
async function requireManageOnParent(ctx: AuthedContext, parentId: string | null) {
	const parent = parentId ? await ctx.db.organization.findUnique({ where: { id: parentId }, select: { path: true, active: true } }) : null;
	if (!parent || !can(ctx.principal, 'org.manage', parent.path)) {
		throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: org.manage' });
	}
	return parent;
}

function describeRange(from: Date, to: Date, locale: Locale) {
	return m.orgs_date_range({ from: dateToDay(from), to: dateToDay(to) }, { locale });
}

/** Terms of one school may not overlap: a day belongs to one term. */
async function requireNoTermOverlap(
	ctx: AuthedContext,
	orgId: string,
	entry: { kind: string; fromDate: Date; toDate: Date },
	excludeId?: string
) {
	if (entry.kind !== 'term') return;
	const clash = await ctx.db.schoolCalendarEntry.findFirst({
		where: {
			orgId,
			kind: 'term',
			id: excludeId ? { not: excludeId } : undefined,
			fromDate: { lte: entry.toDate },
			toDate: { gte: entry.fromDate }
		},
		orderBy: { fromDate: 'asc' }
	});
	if (clash) {
		throw fieldError(
			'fromDate',
			m.orgs_error_term_overlap(
				{ label: clash.label, range: describeRange(clash.fromDate, clash.toDate, ctx.locale) },
				{ locale: ctx.locale }
			)
		);
	}
}

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

async function auditOrgChange(tx: Tx, actorId: string, before: object | undefined, after: { id: string; active: boolean }, action: string) {
	await recordAudit(tx, { actorId, orgId: after.id, entity: 'organization', entityId: after.id, action, before, after });
}

function weekSnapshot(slots: { weekday: number; fromMinute: number; toMinute: number }[]) {
	const week: Record<string, string> = {};
	for (const s of [...slots].sort((a, b) => a.weekday - b.weekday || a.fromMinute - b.fromMinute)) {
		const key = `weekday${s.weekday}`;
		week[key] = [week[key], `${formatMinute(s.fromMinute)}–${formatMinute(s.toMinute)}`].filter(Boolean).join(', ');
	}
	return week;
}

export const orgsRouter = router({
	/** The organisations the caller can see, as a flat list ordered by path. */
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
		}),

	addCalendarEntry: orgProcedure('calendar.edit')
		.input(addCalendarEntryInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			requireCalendar(ctx, org.level);
			const data = { kind: input.kind, label: input.label, fromDate: dayToDate(input.fromDate), toDate: dayToDate(input.toDate) };
			await requireNoTermOverlap(ctx, org.id, data);
			const created = await ctx.db.$transaction(async (tx) => {
				const entry = await tx.schoolCalendarEntry.create({ data: { ...data, orgId: org.id } });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'calendar_entry',
					entityId: entry.id,
					action: 'create',
					after: entry
				});
				return entry;
			});
			// Sessions on days the school now closes are re-planned (a proposal for the coordinators).
			await replanAfterBlackout(ctx.db, {
				orgId: org.id,
				kind: input.kind,
				label: input.label,
				from: input.fromDate,
				to: input.toDate,
				actorId: ctx.user.id
			});
			return created;
		}),

	updateCalendarEntry: orgProcedure('calendar.edit')
		.input(updateCalendarEntryInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			const before = await ctx.db.schoolCalendarEntry.findFirst({ where: { id: input.entryId, orgId: org.id } });
			if (!before) throw fieldError('entryId', m.orgs_error_entry_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
			const data = { kind: input.kind, label: input.label, fromDate: dayToDate(input.fromDate), toDate: dayToDate(input.toDate) };
			await requireNoTermOverlap(ctx, org.id, data, before.id);
			const updated = await ctx.db.$transaction(async (tx) => {
				const after = await tx.schoolCalendarEntry.update({ where: { id: before.id }, data });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'calendar_entry',
					entityId: before.id,
					action: 'update',
					before,
					after
				});
				return after;
			});
			await replanAfterBlackout(ctx.db, {
				orgId: org.id,
				kind: input.kind,
				label: input.label,
				from: input.fromDate,
				to: input.toDate,
				actorId: ctx.user.id
			});
			return updated;
		}),

	deleteCalendarEntry: orgProcedure('calendar.edit')
		.input(deleteCalendarEntryInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			const before = await ctx.db.schoolCalendarEntry.findFirst({ where: { id: input.entryId, orgId: org.id } });
			if (!before) throw fieldError('entryId', m.orgs_error_entry_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
			await ctx.db.$transaction(async (tx) => {
				await tx.schoolCalendarEntry.delete({ where: { id: before.id } });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'calendar_entry',
					entityId: before.id,
					action: 'delete',
					before
				});
			});
			return { id: before.id };
		}),

	/** Replaces the whole week of visiting hours at once, as the grid shows it. */
	setVisitingHours: orgProcedure('calendar.edit')
		.input(setVisitingHoursInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			requireCalendar(ctx, org.level);
			return ctx.db.$transaction(async (tx) => {
				const before = await tx.visitingHours.findMany({ where: { orgId: org.id } });
				await tx.visitingHours.deleteMany({ where: { orgId: org.id } });
				await tx.visitingHours.createMany({ data: input.slots.map((s) => ({ ...s, orgId: org.id })) });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'visiting_hours',
					entityId: org.id,
					action: 'update',
					before: weekSnapshot(before),
					after: weekSnapshot(input.slots)
				});
				return { count: input.slots.length };
			});
		}),

	/** Districts under the organisation and the minutes between them (missing pairs are unknown). */
	travelMatrix: orgProcedure('org.view')
		.input(orgInput)
		.query(async ({ ctx }) => {
			const districts = await ctx.db.organization.findMany({
				where: { level: 'district', active: true, path: { startsWith: ctx.org.path } },
				select: { id: true, name: true },
				orderBy: { name: 'asc' }
			});
			const ids = districts.map((d) => d.id);
			const times = await ctx.db.travelTime.findMany({
				where: { fromId: { in: ids }, toId: { in: ids } },
				select: { fromId: true, toId: true, minutes: true }
			});
			return { districts, times };
		}),

	setTravelTimes: orgProcedure('travel.edit')
		.input(travelTimesInput)
		.mutation(async ({ ctx, input }) => {
			const districts = await ctx.db.organization.findMany({
				where: { level: 'district', path: { startsWith: ctx.org.path } },
				select: { id: true }
			});
			const inScope = new Set(districts.map((d) => d.id));
			input.entries.forEach((e, i) => {
				for (const key of ['fromId', 'toId'] as const) {
					if (!inScope.has(e[key]))
						throw fieldError(`entries.${i}.${key}`, m.orgs_error_district_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
				}
			});
			return ctx.db.$transaction(async (tx) => {
				let changed = 0;
				for (const e of input.entries) {
					const before = await tx.travelTime.findUnique({ where: { fromId_toId: { fromId: e.fromId, toId: e.toId } } });
					if (before?.minutes === e.minutes) continue;
					const after = await tx.travelTime.upsert({
						where: { fromId_toId: { fromId: e.fromId, toId: e.toId } },
						create: e,
						update: { minutes: e.minutes }
					});
					await recordAudit(tx, {
						actorId: ctx.user.id,
						orgId: ctx.org.id,
						entity: 'travel_time',
						entityId: `${e.fromId}>${e.toId}`,
						action: before ? 'update' : 'create',
						before: before ?? undefined,
						after
					});
					changed++;
				}
				return { changed };
			});
		}),

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
	}),

	/** People holding a role directly on the organisation, and whether the caller may change each role. */
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
});
