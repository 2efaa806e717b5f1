// Veterans keep their own week and leave; coordinators approve leave in their subtree.
// A volunteer acts only on their own record; acting for someone else needs volunteer.edit
// (or leave.approve) over that volunteer's organisation.
import { TRPCError } from '@trpc/server';
import { dateToDay, dayToDate } from '$lib/domain/dates';
import { can, orgScope, type Action } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import { notified, notify } from '$lib/server/live/notify';
import { authedProcedure, router, type AuthedContext } from '$lib/server/trpc/init';
import { overlappingLeave, partsOf, slotsOf } from './domain';
import { profileAuditView, profileColumns } from './columns';
import { volunteerListWhere } from './list';
import {
	availabilityInput,
	createVolunteerInput,
	leaveDecisionInput,
	leaveIdInput,
	leaveRequestInput,
	listVolunteersInput,
	pendingLeavesInput,
	saveProfileInput,
	volunteerIdInput,
	type ProfileFields
} from './schemas';
import { requireOrgPermission } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import type { Db } from '$lib/server/db';
import { pageArgs } from '$lib/server/db/paging';
import { coordinatorsOf } from '$lib/features/scheduling/people';

import { m } from '$lib/paraglide/messages';
import { replanAfterLeave } from '$lib/features/scheduling/replan-propose';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** The volunteer the call is about: oneself by default, another only with `action` over them. */
async function targetVolunteer(ctx: AuthedContext, volunteerId: string | undefined, action: Action) {
	const id = volunteerId ?? ctx.principal.volunteerId;
	const volunteer = id
		? await ctx.db.volunteerProfile.findUnique({ where: { id }, include: { org: { select: { id: true, path: true } } } })
		: null;
	const own = volunteer !== null && volunteer.id === ctx.principal.volunteerId;
	if (!volunteer || !(own || can(ctx.principal, action, volunteer.org.path))) {
		throw new TRPCError({ code: 'NOT_FOUND', message: 'volunteerId: no such volunteer' });
	}
	return volunteer;
}

/**
 * The home district must be a district the caller can see; a phone belongs to one person.
 * Whether a number is registered is told only to those who may edit the person holding it
 * (their coordinators and admins). Anyone else gets the same answer as for a free number: the
 * profile is saved without the new phone, and the coordinators are asked to sort it out.
 * Returns the phone to store.
 */
async function checkProfile(
	ctx: AuthedContext,
	f: ProfileFields,
	target: { id: string | null; phone: string | null }
): Promise<{ phone: string | null; clash: { orgPath: string } | null }> {
	const { db } = ctx;
	const district = await db.organization.findFirst({ where: { id: f.homeDistrictId, level: 'district' }, select: { id: true } });
	if (!district) throw fieldError('fields.homeDistrictId', m.volunteers_error_district());
	if (!f.phone || f.phone === target.phone) return { phone: f.phone, clash: null };
	const other = await db.volunteerProfile.findFirst({
		where: { phone: f.phone, ...(target.id ? { NOT: { id: target.id } } : {}) },
		select: { org: { select: { path: true } } }
	});
	if (!other) return { phone: f.phone, clash: null };
	if (can(ctx.principal, 'volunteer.edit', other.org.path)) throw fieldError('fields.phone', m.volunteers_error_phone_taken(), 'CONFLICT');
	return { phone: target.phone, clash: { orgPath: other.org.path } };
}

/** Asks the coordinators over both people to sort out a phone number given to a second person. */
async function reportPhoneClash(
	tx: Tx,
	ctx: AuthedContext,
	volunteer: { id: string; name: string; orgPath: string },
	clash: { orgPath: string }
) {
	const coordinators = new Set([...(await coordinatorsOf(tx, volunteer.orgPath)), ...(await coordinatorsOf(tx, clash.orgPath))]);
	coordinators.delete(ctx.user.id);
	return notify(
		tx,
		[...coordinators].map((userId) => ({
			userId,
			kind: 'volunteer.phone_clash',
			payload: { name: volunteer.name, href: `/volunteers/${volunteer.id}` }
		}))
	);
}

async function replaceLists(db: Pick<Db, 'volunteerTopic' | 'volunteerLanguage'>, volunteerId: string, f: ProfileFields) {
	await db.volunteerTopic.deleteMany({ where: { volunteerId } });
	await db.volunteerTopic.createMany({ data: f.topics.map((topic) => ({ volunteerId, topic })) });
	await db.volunteerLanguage.deleteMany({ where: { volunteerId } });
	await db.volunteerLanguage.createMany({ data: f.languages.map((language) => ({ volunteerId, language })) });
}

export const volunteersRouter = router({
	/** One profile: one's own, or one in the subtree for coordinators and leaders (phone for editors only). */
	profile: authedProcedure.input(volunteerIdInput).query(async ({ ctx, input }) => {
		const v = await targetVolunteer(ctx, input.volunteerId, 'volunteer.view');
		const full = await ctx.db.volunteerProfile.findUniqueOrThrow({ where: { id: v.id }, include: { topics: true, languages: true } });
		const editable = v.id === ctx.principal.volunteerId || can(ctx.principal, 'volunteer.edit', v.org.path);
		const fields: ProfileFields = {
			name: full.name,
			phone: editable ? full.phone : null,
			category: full.category,
			topics: full.topics.map((t) => t.topic) as ProfileFields['topics'],
			offersOnline: full.offersOnline,
			offersOffline: full.offersOffline,
			homeDistrictId: full.homeDistrictId,
			maxTravelMinutes: full.maxTravelMinutes,
			monthlyCapacity: full.monthlyCapacity,
			languages: full.languages.map((l) => l.language) as ProfileFields['languages'],
			offer: full.offer,
			bio: full.bio
		};
		// The districts of the volunteer's city, for the home-district choice.
		const root = v.org.path.split('/')[1] ?? '';
		const districts = await ctx.db.organization.findMany({
			where: { level: 'district', active: true, path: { startsWith: `/${root}/` } },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		});
		return { id: full.id, editable, fields, districts };
	}),

	saveProfile: authedProcedure.input(saveProfileInput).mutation(async ({ ctx, input }) => {
		const v = await targetVolunteer(ctx, input.volunteerId, 'volunteer.edit');
		const { phone, clash } = await checkProfile(ctx, input.fields, v);
		const fields = { ...input.fields, phone };
		let told: string[] = [];
		const saved = await ctx.db.$transaction(async (tx) => {
			const after = await tx.volunteerProfile.update({ where: { id: v.id }, data: profileColumns(fields) });
			await replaceLists(tx, v.id, fields);
			if (clash) told = await reportPhoneClash(tx, ctx, { id: v.id, name: after.name, orgPath: v.org.path }, clash);
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: v.org.id,
				entity: 'volunteer',
				entityId: v.id,
				action: 'update',
				before: profileAuditView(v),
				after: clash ? { ...profileAuditView(after), phoneClash: true } : profileAuditView(after)
			});
			return { id: after.id };
		});
		notified(told);
		return saved;
	}),

	create: authedProcedure.input(createVolunteerInput).mutation(async ({ ctx, input }) => {
		const org = await requireOrgPermission(ctx, 'volunteer.edit', input.orgId);
		const { phone, clash } = await checkProfile(ctx, input.fields, { id: null, phone: null });
		const fields = { ...input.fields, phone };
		let told: string[] = [];
		const saved = await ctx.db.$transaction(async (tx) => {
			const created = await tx.volunteerProfile.create({ data: { ...profileColumns(fields), orgId: org.id } });
			await replaceLists(tx, created.id, fields);
			if (clash) told = await reportPhoneClash(tx, ctx, { id: created.id, name: created.name, orgPath: org.path }, clash);
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: org.id,
				entity: 'volunteer',
				entityId: created.id,
				action: 'create',
				after: { name: created.name, category: created.category, topics: input.fields.topics, ...(clash ? { phoneClash: true } : {}) }
			});
			return { id: created.id };
		});
		notified(told);
		return saved;
	}),

	/** The resource list of the caller's subtree, paged on the server. Phone numbers only for editors. */
	list: authedProcedure.input(listVolunteersInput).query(async ({ ctx, input }) => {
		const where = volunteerListWhere(ctx.principal, input);
		const [total, rows] = await Promise.all([
			ctx.db.volunteerProfile.count({ where }),
			ctx.db.volunteerProfile.findMany({
				where,
				...pageArgs(input),
				select: {
					id: true,
					name: true,
					phone: true,
					category: true,
					offersOnline: true,
					offersOffline: true,
					monthlyCapacity: true,
					homeDistrict: { select: { name: true } },
					org: { select: { path: true } },
					topics: { select: { topic: true } }
				}
			})
		]);
		return {
			total,
			page: input.page,
			pageSize: input.pageSize,
			rows: rows.map(({ org, topics, phone, homeDistrict, ...v }) => ({
				...v,
				district: homeDistrict.name,
				topics: topics.map((t) => t.topic),
				phone: can(ctx.principal, 'volunteer.edit', org.path) ? phone : null
			}))
		};
	}),

	/** The signed-in veteran's own record: week grid and leave. */
	me: authedProcedure.query(async ({ ctx }) => {
		if (!ctx.principal.volunteerId) return null;
		const v = await ctx.db.volunteerProfile.findUniqueOrThrow({
			where: { id: ctx.principal.volunteerId },
			include: { availability: true, leaves: { orderBy: { fromDate: 'desc' } } }
		});
		return {
			id: v.id,
			name: v.name,
			ticked: [...partsOf(v.availability)],
			leaves: v.leaves.map((l) => ({
				id: l.id,
				fromDate: dateToDay(l.fromDate),
				toDate: dateToDay(l.toDate),
				reason: l.reason,
				status: l.status
			}))
		};
	}),

	setAvailability: authedProcedure.input(availabilityInput).mutation(async ({ ctx, input }) => {
		const v = await targetVolunteer(ctx, input.volunteerId, 'volunteer.edit');
		const slots = slotsOf(new Set(input.ticked));
		return ctx.db.$transaction(async (tx) => {
			const before = await tx.availabilitySlot.findMany({
				where: { volunteerId: v.id },
				select: { weekday: true, fromMinute: true, toMinute: true }
			});
			await tx.availabilitySlot.deleteMany({ where: { volunteerId: v.id } });
			if (slots.length) await tx.availabilitySlot.createMany({ data: slots.map((s) => ({ ...s, volunteerId: v.id })) });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: v.org.id,
				entity: 'volunteer',
				entityId: v.id,
				action: 'update',
				before: { availability: [...partsOf(before)].sort() },
				after: { availability: [...new Set(input.ticked)].sort() }
			});
			return { ticked: [...partsOf(slots)] };
		});
	}),

	requestLeave: authedProcedure.input(leaveRequestInput).mutation(async ({ ctx, input }) => {
		const v = await targetVolunteer(ctx, input.volunteerId, 'volunteer.edit');
		const from = dayToDate(input.fromDate);
		const to = dayToDate(input.toDate);
		const clash = overlappingLeave(await ctx.db.leave.findMany({ where: { volunteerId: v.id } }), from, to);
		if (clash) {
			throw fieldError(
				'fromDate',
				m.volunteers_leave_overlap({ from: dateToDay(clash.fromDate), to: dateToDay(clash.toDate) }, { locale: ctx.locale })
			);
		}
		const leave = await ctx.db.leave.create({ data: { volunteerId: v.id, fromDate: from, toDate: to, reason: input.reason } });
		await recordAudit(ctx.db, {
			actorId: ctx.user.id,
			orgId: v.org.id,
			entity: 'leave',
			entityId: leave.id,
			action: 'create',
			after: { volunteer: v.name, fromDate: input.fromDate, toDate: input.toDate, status: 'pending' }
		});
		return { id: leave.id };
	}),

	cancelLeave: authedProcedure.input(leaveIdInput).mutation(async ({ ctx, input }) => {
		const leave = await ctx.db.leave.findUnique({
			where: { id: input.id },
			include: { volunteer: { include: { org: { select: { id: true, path: true } } } } }
		});
		const v = leave?.volunteer;
		// Someone else's leave out of reach is reported exactly like a missing one.
		if (!leave || !v || !(v.id === ctx.principal.volunteerId || can(ctx.principal, 'leave.approve', v.org.path))) {
			throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such leave' });
		}
		if (leave.status !== 'pending' && leave.status !== 'approved') {
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'id: only pending or approved leave can be cancelled' });
		}
		await ctx.db.leave.update({ where: { id: leave.id }, data: { status: 'cancelled' } });
		await recordAudit(ctx.db, {
			actorId: ctx.user.id,
			orgId: v.org.id,
			entity: 'leave',
			entityId: leave.id,
			action: 'update',
			before: { status: leave.status },
			after: { status: 'cancelled' }
		});
		return { status: 'cancelled' as const };
	}),

	/** Leave of the volunteers in the caller's subtree, for approval. */
	leaves: authedProcedure.input(pendingLeavesInput).query(async ({ ctx, input }) => {
		const rows = await ctx.db.leave.findMany({
			where: { status: input.status, volunteer: { org: orgScope(ctx.principal, 'leave.approve') } },
			include: { volunteer: { select: { id: true, name: true, org: { select: { name: true } } } } },
			orderBy: { fromDate: 'asc' },
			take: 500
		});
		return rows.map((l) => ({
			id: l.id,
			fromDate: dateToDay(l.fromDate),
			toDate: dateToDay(l.toDate),
			reason: l.reason,
			status: l.status,
			volunteer: { id: l.volunteer.id, name: l.volunteer.name, orgName: l.volunteer.org.name }
		}));
	}),

	decideLeave: authedProcedure.input(leaveDecisionInput).mutation(async ({ ctx, input }) => {
		const leave = await ctx.db.leave.findUnique({
			where: { id: input.id },
			include: { volunteer: { include: { org: { select: { id: true, path: true } } } } }
		});
		if (!leave || !can(ctx.principal, 'leave.approve', leave.volunteer.org.path))
			throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such leave' });
		if (leave.volunteerId === ctx.principal.volunteerId)
			throw new TRPCError({ code: 'FORBIDDEN', message: 'id: nobody approves their own leave' });
		if (leave.status !== 'pending') throw new TRPCError({ code: 'BAD_REQUEST', message: `id: this leave is already ${leave.status}` });
		const status = input.approve ? 'approved' : 'rejected';
		const told = await ctx.db.$transaction(async (tx) => {
			await tx.leave.update({ where: { id: leave.id }, data: { status, decidedById: ctx.user.id, decidedAt: new Date() } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: leave.volunteer.org.id,
				entity: 'leave',
				entityId: leave.id,
				action: 'update',
				before: { status: 'pending' },
				after: { status }
			});
			// A volunteer without a login has nobody to tell.
			const userId = leave.volunteer.userId;
			return userId
				? notify(tx, [
						{
							userId,
							kind: `leave.${status}`,
							payload: { href: '/me/leave', from: dateToDay(leave.fromDate), to: dateToDay(leave.toDate) }
						}
					])
				: [];
		});
		notified(told);
		// Sessions planned inside approved leave are re-planned (a proposal for the coordinators).
		if (status === 'approved') await replanAfterLeave(ctx.db, { leaveId: leave.id, actorId: ctx.user.id });
		return { status };
	})
});
