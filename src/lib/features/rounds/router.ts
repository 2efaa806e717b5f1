// Rounds managed in the app: a coordinator opens one for their part of the tree, sees the
// open needs it gathers (the subtree's needs whose windows fall in its dates), adds or
// removes needs by hand and moves it from planning to closed.
import { TRPCError } from '@trpc/server';
import { orgScope } from '$lib/server/auth/authorize';
import { requireRound } from '$lib/server/auth/round-access';
import { recordAudit } from '$lib/server/audit';
import { authedProcedure, requireOrgPermission, router } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { dayToDate } from '$lib/domain/dates';
import { ACTIVE_SESSION_STATUSES } from '$lib/domain/session-status';
import { m } from '$lib/paraglide/messages';
import { createRoundInput, roundDemandInput, roundIdInput, setRoundStatusInput } from './schemas';
import { acceptsNeeds, nextRoundStatus } from './status';

const demandSelect = {
	id: true,
	title: true,
	kind: true,
	status: true,
	windowFrom: true,
	windowTo: true,
	sessionCount: true,
	seats: true,
	priority: true,
	org: { select: { id: true, name: true } }
} as const;

/** Open needs of the subtree, in no round yet, whose windows lie inside [from, to]. */
const gatherable = (path: string, from: Date, to: Date) => ({
	roundId: null,
	status: 'open' as const,
	org: { path: { startsWith: path } },
	windowFrom: { gte: from },
	windowTo: { lte: to }
});

export const roundsRouter = router({
	/** Rounds of the caller's subtrees, newest first. */
	list: authedProcedure.query(({ ctx }) =>
		ctx.db.matchingRound.findMany({
			where: { org: orgScope(ctx.principal, 'board.view') },
			select: {
				id: true,
				name: true,
				fromDate: true,
				toDate: true,
				status: true,
				org: { select: { id: true, name: true } },
				_count: { select: { demands: true, sessions: true } }
			},
			orderBy: { fromDate: 'desc' }
		})
	),

	/** Organisations where the caller may open a round. */
	creatableIn: authedProcedure.query(({ ctx }) =>
		ctx.db.organization.findMany({
			where: { level: { in: ['city', 'district'] }, active: true, AND: [orgScope(ctx.principal, 'round.manage')] },
			select: { id: true, name: true },
			orderBy: { path: 'asc' }
		})
	),

	/** A round, the needs it gathers and the open needs that could join it. */
	get: authedProcedure.input(roundIdInput).query(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'board.view');
		const [demands, candidates, sessionCounts] = await Promise.all([
			ctx.db.demand.findMany({
				where: { roundId: round.id },
				select: demandSelect,
				orderBy: [{ priority: 'desc' }, { windowFrom: 'asc' }]
			}),
			ctx.db.demand.findMany({
				where: { roundId: null, status: 'open', org: { path: { startsWith: round.org.path } } },
				select: demandSelect,
				orderBy: [{ windowFrom: 'asc' }],
				take: 200
			}),
			ctx.db.scheduledSession.groupBy({ by: ['status'], where: { roundId: round.id }, _count: { _all: true } })
		]);
		return {
			round: {
				id: round.id,
				name: round.name,
				fromDate: round.fromDate,
				toDate: round.toDate,
				status: round.status,
				org: { id: round.org.id, name: round.org.name }
			},
			manage: (await ctx.db.organization.count({ where: { id: round.orgId, AND: [orgScope(ctx.principal, 'round.manage')] } })) > 0,
			next: nextRoundStatus(round.status),
			demands,
			candidates: candidates.map((d) => ({ ...d, inDates: d.windowFrom >= round.fromDate && d.windowTo <= round.toDate })),
			sessions: Object.fromEntries(sessionCounts.map((c) => [c.status, c._count._all]))
		};
	}),

	create: authedProcedure.input(createRoundInput).mutation(async ({ ctx, input }) => {
		const org = await requireOrgPermission(ctx, 'round.manage', input.orgId);
		const from = dayToDate(input.fields.fromDate);
		const to = dayToDate(input.fields.toDate);
		return ctx.db.$transaction(async (tx) => {
			const round = await tx.matchingRound.create({ data: { orgId: org.id, name: input.fields.name, fromDate: from, toDate: to } });
			const gathered = await tx.demand.updateMany({ where: gatherable(org.path, from, to), data: { roundId: round.id } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: org.id,
				entity: 'round',
				entityId: round.id,
				action: 'create',
				after: { ...input.fields, gathered: gathered.count }
			});
			return { id: round.id, gathered: gathered.count };
		});
	}),

	addDemand: authedProcedure.input(roundDemandInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		if (!acceptsNeeds(round.status)) throw fieldError('roundId', m.round_error_closed_for_needs(), 'CONFLICT');
		return ctx.db.$transaction(async (tx) => {
			// Conditional: a need another coordinator just put into a round stays there.
			const moved = await tx.demand.updateMany({
				where: { id: input.demandId, roundId: null, status: 'open', org: { path: { startsWith: round.org.path } } },
				data: { roundId: round.id }
			});
			if (moved.count === 0) throw fieldError('demandId', m.round_error_demand_unavailable(), 'CONFLICT');
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: round.orgId,
				entity: 'round',
				entityId: round.id,
				action: 'add_demand',
				after: { demandId: input.demandId }
			});
			return { ok: true };
		});
	}),

	removeDemand: authedProcedure.input(roundDemandInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		if (!acceptsNeeds(round.status)) throw fieldError('roundId', m.round_error_closed_for_needs(), 'CONFLICT');
		return ctx.db.$transaction(async (tx) => {
			const busy = await tx.assignment.count({
				where: { demandId: input.demandId, roundId: round.id, state: { in: ['invited', 'accepted', 'confirmed'] } }
			});
			const sessions = await tx.scheduledSession.count({
				where: { demandId: input.demandId, status: { in: [...ACTIVE_SESSION_STATUSES] } }
			});
			if (busy || sessions) throw fieldError('demandId', m.round_error_demand_matched(), 'CONFLICT');
			const removed = await tx.demand.updateMany({ where: { id: input.demandId, roundId: round.id }, data: { roundId: null } });
			if (removed.count === 0) throw fieldError('demandId', m.round_error_demand_not_in_round(), 'NOT_FOUND');
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: round.orgId,
				entity: 'round',
				entityId: round.id,
				action: 'remove_demand',
				before: { demandId: input.demandId }
			});
			return { ok: true };
		});
	}),

	/** One step forward; the step's precondition is checked here. */
	setStatus: authedProcedure.input(setRoundStatusInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		if (nextRoundStatus(round.status) !== input.status) throw fieldError('status', m.round_error_status_step(), 'CONFLICT');
		if (input.status === 'running') {
			const unsent = await ctx.db.scheduledSession.count({ where: { roundId: round.id, status: 'draft' } });
			if (unsent) throw fieldError('status', m.round_error_unsent({ count: unsent }), 'CONFLICT');
		}
		return ctx.db.$transaction(async (tx) => {
			// Conditional on the status read above: of two coordinators moving it at once, one wins.
			const moved = await tx.matchingRound.updateMany({ where: { id: round.id, status: round.status }, data: { status: input.status } });
			if (moved.count === 0) throw new TRPCError({ code: 'CONFLICT', message: m.round_error_changed() });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: round.orgId,
				entity: 'round',
				entityId: round.id,
				action: 'status',
				before: { status: round.status },
				after: { status: input.status }
			});
			return { status: input.status };
		});
	})
});
