// The calendar's API: the sessions of a visible range, the choices for its filters, one's
// private ICS subscription, and (for coordinators) moving a session by dragging it.
import { TRPCError } from '@trpc/server';
import { can, orgScope } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import { authedProcedure, router } from '$lib/server/trpc/init';
import { regenerateFeedToken, revokeFeedToken } from './feed';
import { moveSession } from './move';
import { sessionSteps } from './steps';
import { MONTH_EVENTS_PER_DAY, moveInput, rangeInput } from './schemas';
import { findMonthSummary, findVisibleSession, findVisibleSessions } from './sessions';
import { z } from 'zod';

export const calendarRouter = router({
	range: authedProcedure
		.input(rangeInput)
		.query(({ ctx, input }) => findVisibleSessions(ctx.db, ctx.principal, { from: input.from, to: input.to, filters: input.filters })),

	/** The month view: a few sessions per day and a count of the rest (see findMonthSummary). */
	month: authedProcedure
		.input(rangeInput)
		.query(({ ctx, input }) =>
			findMonthSummary(ctx.db, ctx.principal, { from: input.from, to: input.to, filters: input.filters, perDay: MONTH_EVENTS_PER_DAY })
		),

	session: authedProcedure.input(z.object({ id: z.string().min(1).max(64) })).query(async ({ ctx, input }) => {
		const session = await findVisibleSession(ctx.db, ctx.principal, input.id);
		if (!session) throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such session' });
		const school = await ctx.db.organization.findUniqueOrThrow({ where: { id: session.schoolId }, select: { path: true } });
		const viewer = {
			seated: session.volunteers.some((v) => v.id === ctx.principal.volunteerId),
			hosts: can(ctx.principal, 'session.confirm', school.path),
			coordinates: can(ctx.principal, 'round.manage', school.path)
		};
		return { ...session, steps: sessionSteps(viewer, session) };
	}),

	filterOptions: authedProcedure.query(async ({ ctx }) => {
		const orgs = orgScope(ctx.principal, 'demand.view');
		const [districts, schools, volunteers, rounds] = await Promise.all([
			ctx.db.organization.findMany({
				where: { level: 'district', active: true, ...orgs },
				select: { id: true, name: true },
				orderBy: { name: 'asc' }
			}),
			ctx.db.organization.findMany({
				where: { level: 'school', active: true, ...orgs },
				select: { id: true, name: true, districtId: true },
				orderBy: { name: 'asc' }
			}),
			ctx.db.volunteerProfile.findMany({
				where: { active: true, org: orgScope(ctx.principal, 'volunteer.view') },
				select: { id: true, name: true },
				orderBy: { name: 'asc' },
				take: 1000
			}),
			ctx.db.matchingRound.findMany({
				where: { org: orgScope(ctx.principal, 'board.view') },
				select: { id: true, name: true },
				orderBy: { fromDate: 'desc' }
			})
		]);
		return {
			districts,
			schools,
			volunteers,
			rounds,
			canMove: orgs.OR.length > 0 && ctx.principal.grants.some((g) => g.role === 'coordinator' || g.role === 'admin')
		};
	}),

	feedStatus: authedProcedure.query(async ({ ctx }) => {
		const feed = await ctx.db.calendarFeed.findUnique({ where: { userId: ctx.user.id }, select: { createdAt: true } });
		return { active: !!feed, createdAt: feed?.createdAt.toISOString() ?? null };
	}),

	/** A new secret subscription path; the old one answers 404 from now on. */
	regenerateFeed: authedProcedure.mutation(async ({ ctx }) => {
		const token = await regenerateFeedToken(ctx.db, ctx.user.id);
		await recordAudit(ctx.db, {
			actorId: ctx.user.id,
			orgId: null,
			entity: 'calendar_feed',
			entityId: ctx.user.id,
			action: 'update',
			after: { regenerated: true }
		});
		return { path: `/calendar/feed/${token}.ics` };
	}),

	/** A coordinator's drag: refused with the engine checker's reason when a hard rule breaks. */
	move: authedProcedure.input(moveInput).mutation(({ ctx, input }) => moveSession(ctx.db, ctx.principal, input, ctx.locale)),

	revokeFeed: authedProcedure.mutation(async ({ ctx }) => {
		await revokeFeedToken(ctx.db, ctx.user.id);
		await recordAudit(ctx.db, { actorId: ctx.user.id, orgId: null, entity: 'calendar_feed', entityId: ctx.user.id, action: 'revoke' });
		return { ok: true };
	})
});
