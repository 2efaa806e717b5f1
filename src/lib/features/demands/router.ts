// The demand list (需求清单): schools post and keep their needs; coordinators see and manage
// the needs of their subtree. A pupil's real name and contact reach only the school that
// owns the need and, once they have accepted, the mentor assigned to it.
import { TRPCError } from '@trpc/server';
import { dateToDay } from '$lib/domain/dates';
import type { RoleCode } from '$lib/domain/vocabulary';
import { can, type Principal } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import { authedProcedure, requireOrgPermission, router, type AuthedContext } from '$lib/server/trpc/init';
import { pageArgs } from '$lib/server/db/paging';
import { allowedMoves, type DemandStatusCode } from './domain';
import { demandListWhere } from './list';
import { demandAuditView, demandColumns } from './columns';
import { createDemandInput, demandIdInput, listDemandsInput, transitionInput, updateDemandInput, type DemandFields } from './schemas';

/** The roles the principal holds over an organisation (on it or above it). */
function rolesOver(principal: Principal, orgPath: string): RoleCode[] {
	return [...new Set(principal.grants.filter((g) => orgPath.startsWith(g.path)).map((g) => g.role))];
}

/** A volunteer invited to (or serving) the need may read it. */
async function isAssignedVolunteer(db: Db, principal: Principal, demandId: string): Promise<boolean> {
	if (!principal.volunteerId) return false;
	const assignment = await db.assignment.findFirst({
		where: { demandId, volunteerId: principal.volunteerId, state: { in: ['invited', 'accepted', 'confirmed'] } },
		select: { id: true }
	});
	return assignment !== null;
}

/** Loads a need the caller may see; out of scope looks exactly like missing. */
async function visibleDemand(ctx: AuthedContext, id: string) {
	const demand = await ctx.db.demand.findUnique({
		where: { id },
		include: { org: { select: { id: true, name: true, path: true, level: true } } }
	});
	const visible =
		demand && (can(ctx.principal, 'demand.view', demand.org.path) || (await isAssignedVolunteer(ctx.db, ctx.principal, demand.id)));
	if (!demand || !visible) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such need' });
	return demand;
}

async function mayEdit(ctx: AuthedContext, id: string) {
	const demand = await visibleDemand(ctx, id);
	if (!can(ctx.principal, 'demand.edit', demand.org.path)) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: demand.edit' });
	return demand;
}

/** The school itself, or the mentor whose assignment was accepted. */
async function maySeePupil(db: Db, principal: Principal, demandId: string, orgPath: string): Promise<boolean> {
	if (can(principal, 'pupil.view', orgPath)) return true;
	if (!principal.volunteerId) return false;
	const accepted = await db.assignment.findFirst({
		where: { demandId, volunteerId: principal.volunteerId, state: { in: ['accepted', 'confirmed'] } },
		select: { id: true }
	});
	return accepted !== null;
}

async function writePupil(db: Pick<Db, 'mentoredPupil'>, demandId: string, pupil: DemandFields['pupil']) {
	if (pupil === undefined) return;
	if (pupil) await db.mentoredPupil.upsert({ where: { demandId }, create: { demandId, ...pupil }, update: pupil });
	else await db.mentoredPupil.deleteMany({ where: { demandId } });
}

export const demandsRouter = router({
	list: authedProcedure.input(listDemandsInput).query(async ({ ctx, input }) => {
		const where = await demandListWhere(ctx.db, ctx.principal, input);
		const [total, rows] = await Promise.all([
			ctx.db.demand.count({ where }),
			ctx.db.demand.findMany({
				where,
				...pageArgs(input),
				select: {
					id: true,
					title: true,
					kind: true,
					topic: true,
					mode: true,
					seats: true,
					priority: true,
					status: true,
					windowFrom: true,
					windowTo: true,
					org: { select: { id: true, name: true } }
				}
			})
		]);
		return { total, page: input.page, pageSize: input.pageSize, rows };
	}),

	get: authedProcedure.input(demandIdInput).query(async ({ ctx, input }) => {
		const demand = await visibleDemand(ctx, input.id);
		const pupil = await ctx.db.mentoredPupil.findUnique({ where: { demandId: demand.id } });
		const fullPupil = pupil && (await maySeePupil(ctx.db, ctx.principal, demand.id, demand.org.path));
		return {
			id: demand.id,
			org: { id: demand.org.id, name: demand.org.name },
			status: demand.status as DemandStatusCode,
			priority: demand.priority,
			canEdit: can(ctx.principal, 'demand.edit', demand.org.path),
			moves: allowedMoves(demand.status as DemandStatusCode, rolesOver(ctx.principal, demand.org.path)),
			fields: {
				kind: demand.kind,
				title: demand.title,
				topic: demand.topic,
				audience: demand.audience ? demand.audience.split(',') : [],
				audienceSize: demand.audienceSize,
				mode: demand.mode,
				windowFrom: dateToDay(demand.windowFrom),
				windowTo: dateToDay(demand.windowTo),
				sessionCount: demand.sessionCount,
				sessionMinutes: demand.sessionMinutes,
				seats: demand.seats,
				rural: demand.rural,
				leftBehind: demand.leftBehind,
				hardship: demand.hardship,
				language: demand.language,
				notes: demand.notes
			},
			pupil: pupil
				? fullPupil
					? { pseudonym: pupil.pseudonym, grade: pupil.grade, needs: pupil.needs, realName: pupil.realName, contact: pupil.contact }
					: { pseudonym: pupil.pseudonym, grade: pupil.grade, needs: pupil.needs, realName: null, contact: null }
				: null
		};
	}),

	create: authedProcedure.input(createDemandInput).mutation(async ({ ctx, input }) => {
		const org = await requireOrgPermission(ctx, 'demand.edit', input.orgId);
		const level = await ctx.db.organization.findUniqueOrThrow({ where: { id: org.id }, select: { level: true } });
		if (level.level !== 'school' && level.level !== 'village_group') {
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'orgId: needs are posted by a school or village group' });
		}
		return ctx.db.$transaction(async (tx) => {
			const demand = await tx.demand.create({
				data: { ...demandColumns(input.fields), orgId: org.id, status: input.publish ? 'open' : 'draft', createdById: ctx.user.id }
			});
			await writePupil(tx, demand.id, input.fields.pupil);
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: org.id,
				entity: 'demand',
				entityId: demand.id,
				action: 'create',
				after: demandAuditView(demand)
			});
			return { id: demand.id };
		});
	}),

	update: authedProcedure.input(updateDemandInput).mutation(async ({ ctx, input }) => {
		const before = await mayEdit(ctx, input.id);
		if (before.status === 'done') throw new TRPCError({ code: 'BAD_REQUEST', message: 'status: a finished need can no longer be changed' });
		return ctx.db.$transaction(async (tx) => {
			const after = await tx.demand.update({ where: { id: before.id }, data: demandColumns(input.fields) });
			await writePupil(tx, before.id, input.fields.pupil);
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: before.org.id,
				entity: 'demand',
				entityId: before.id,
				action: 'update',
				before: demandAuditView(before),
				after: demandAuditView(after)
			});
			return { id: after.id };
		});
	}),

	duplicate: authedProcedure.input(demandIdInput).mutation(async ({ ctx, input }) => {
		const source = await mayEdit(ctx, input.id);
		return ctx.db.$transaction(async (tx) => {
			const { id: _id, org: _org, createdAt: _c, updatedAt: _u, roundId: _r, createdById: _b, ...copy } = source;
			const demand = await tx.demand.create({ data: { ...copy, title: copy.title, status: 'draft', createdById: ctx.user.id } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: source.org.id,
				entity: 'demand',
				entityId: demand.id,
				action: 'create',
				after: { ...demandAuditView(demand), duplicateOf: source.id }
			});
			return { id: demand.id };
		});
	}),

	transition: authedProcedure.input(transitionInput).mutation(async ({ ctx, input }) => {
		const before = await mayEdit(ctx, input.id);
		const moves = allowedMoves(before.status as DemandStatusCode, rolesOver(ctx.principal, before.org.path));
		if (!moves.includes(input.to)) {
			throw new TRPCError({ code: 'BAD_REQUEST', message: `to: cannot move a need from ${before.status} to ${input.to}` });
		}
		const after = await ctx.db.demand.update({ where: { id: before.id }, data: { status: input.to } });
		await recordAudit(ctx.db, {
			actorId: ctx.user.id,
			orgId: before.org.id,
			entity: 'demand',
			entityId: before.id,
			action: 'update',
			before: demandAuditView(before),
			after: demandAuditView(after)
		});
		return { status: after.status };
	})
});
