import { TRPCError } from '@trpc/server';
import { boardAccess, can, orgScope } from '$lib/server/auth/authorize';
import { authedProcedure, router, type AuthedContext } from '$lib/server/trpc/init';
import { boardGeneration } from './generation';
import { publishRound } from './publish';
import { loadBoardRecords, loadBookings } from './records';
import { boardLog, requireBoardAdmin, rollBackBoard } from './repair';
import { boardDocName, publishInput, rollBackInput, roundInput } from './schemas';

async function requireRoundAccess(ctx: AuthedContext, roundId: string, need: 'edit' | 'read') {
	const round = await ctx.db.matchingRound.findUnique({
		where: { id: roundId },
		include: { org: { select: { id: true, name: true, path: true } } }
	});
	const access = round ? boardAccess(ctx.principal, round.org.path) : null;
	if (!round || !access || (need === 'edit' && access !== 'edit')) {
		throw new TRPCError({ code: 'FORBIDDEN', message: `not allowed: board.${need === 'edit' ? 'edit' : 'view'}` });
	}
	return { round, access };
}

export const boardRouter = router({
	/** Rounds whose board the caller may at least read. */
	rounds: authedProcedure.query(({ ctx }) =>
		ctx.db.matchingRound.findMany({
			where: { org: orgScope(ctx.principal, 'board.view') },
			select: { id: true, name: true, fromDate: true, toDate: true, status: true, org: { select: { name: true } } },
			orderBy: { fromDate: 'desc' }
		})
	),

	/**
	 * Everything the board needs to open: the round, the caller's access, its demands and
	 * the volunteer pool of the round's organisation subtree. Pupils' data never leaves here.
	 */
	open: authedProcedure.input(roundInput).query(async ({ ctx, input }) => {
		const { round, access } = await requireRoundAccess(ctx, input.roundId, 'read');

		const [{ demands, volunteers }, bookings, districts, generation] = await Promise.all([
			loadBoardRecords(ctx.db, round),
			loadBookings(ctx.db, round.id),
			ctx.db.organization.findMany({
				where: { level: 'district', path: { startsWith: round.org.path } },
				select: { id: true, name: true, travelFrom: { select: { toId: true, minutes: true } } },
				orderBy: { name: 'asc' }
			}),
			boardGeneration(ctx.db, round.id)
		]);

		return {
			round: {
				id: round.id,
				name: round.name,
				fromDate: round.fromDate,
				toDate: round.toDate,
				status: round.status,
				orgName: round.org.name
			},
			access,
			canRepair: can(ctx.principal, 'board.repair', round.org.path),
			docName: boardDocName(round.id),
			generation,
			demands,
			volunteers,
			bookings,
			districts: districts.map((d) => ({
				id: d.id,
				name: d.name,
				travel: Object.fromEntries(d.travelFrom.map((t) => [t.toId, t.minutes]))
			}))
		};
	}),

	/** Admins: the board's stored log, largest updates first, to choose a point to roll back to. */
	repairLog: authedProcedure.input(roundInput).query(async ({ ctx, input }) => {
		const round = await requireBoardAdmin(ctx.db, ctx.principal, input.roundId);
		return { round: { id: round.id, name: round.name }, log: await boardLog(ctx.db, round.id) };
	}),

	/** Admins: deletes the stored update `fromSeq` and all later ones; open boards are reset. Audited. */
	rollBack: authedProcedure.input(rollBackInput).mutation(async ({ ctx, input }) => {
		const round = await requireBoardAdmin(ctx.db, ctx.principal, input.roundId);
		return rollBackBoard(ctx.db, { roundId: round.id, orgId: round.org.id, fromSeq: input.fromSeq, actorId: ctx.user.id, via: 'page' });
	}),

	/** Turns the round's placements (or those of some needs) into invitations. */
	publish: authedProcedure.input(publishInput).mutation(async ({ ctx, input }) => {
		await requireRoundAccess(ctx, input.roundId, 'edit');
		return publishRound(ctx.db, { roundId: input.roundId, demandIds: input.demandIds, actorId: ctx.user.id });
	})
});
