// A booking the veteran cannot take: who else could, and handing it to one of them.
import { TRPCError } from '@trpc/server';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { can } from '$lib/server/auth/authorize';
import type { Db } from '$lib/server/db';
import { notified, notify } from '$lib/server/live/notify';
import { ACTIVE_SESSION_STATUSES } from '$lib/domain/session-status';
import { substitutesFor } from '$lib/server/substitutes';
import { authedProcedure, type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { bookingInput, redirectInput } from '../schemas';
import { HOLDING } from './offering';

async function bookedDemand(ctx: AuthedContext, demandId: string) {
	const demand = await ctx.db.demand.findUnique({
		where: { id: demandId },
		include: {
			round: { include: { org: { select: { id: true, path: true } } } },
			org: { select: { id: true, name: true, districtId: true, rural: true } },
			assignments: { where: { booked: true }, orderBy: { createdAt: 'desc' } }
		}
	});
	if (!demand || !demand.offeringId || !demand.round || !can(ctx.principal, 'board.edit', demand.round.org.path)) {
		throw new TRPCError({ code: 'NOT_FOUND', message: 'demandId: no such booking' });
	}
	return { ...demand, round: demand.round };
}

type BookedDemand = Awaited<ReturnType<typeof bookedDemand>>;

/**
 * Eligible veterans of the round's subtree for a booked need, best first, those already asked
 * left out; if the booking's sessions already have dates, those who can make them first.
 */
async function substitutesOf(db: Db, demand: BookedDemand) {
	const asked = demand.assignments.filter((a) => (HOLDING as readonly string[]).includes(a.state) || a.state === 'declined');
	const dated = await db.scheduledSession.findMany({
		where: { demandId: demand.id, startsAt: { not: null }, status: { in: [...ACTIVE_SESSION_STATUSES, 'unscheduled'] } },
		select: { startsAt: true, endsAt: true }
	});
	const slots = dated.map((s) => ({ startsAt: s.startsAt!, endsAt: s.endsAt ?? s.startsAt! }));
	return substitutesFor(db, { round: demand.round, demand, exclude: new Set(asked.map((a) => a.volunteerId)), slots });
}

export const substituteProcedures = {
	/** Who else could take a booking the veteran cannot: the matching engine's eligibility and score, same topic, ranked. */
	substitutes: authedProcedure
		.input(bookingInput)
		.query(async ({ ctx, input }) => substitutesOf(ctx.db, await bookedDemand(ctx, input.demandId))),

	/** A coordinator gives a booking the veteran cannot take to a substitute, who is invited in their place. */
	redirect: authedProcedure.input(redirectInput).mutation(async ({ ctx, input }) => {
		const demand = await bookedDemand(ctx, input.demandId);
		const options = await substitutesOf(ctx.db, demand);
		const pick = options.find((o) => o.volunteerId === input.volunteerId);
		if (!pick) throw fieldError('volunteerId', m.offerings_error_not_substitute());
		const volunteer = await ctx.db.volunteerProfile.findUniqueOrThrow({
			where: { id: pick.volunteerId },
			select: { userId: true, name: true }
		});
		const result = await ctx.db.$transaction(async (tx) => {
			const withdrawn = await tx.assignment.updateMany({
				where: { demandId: demand.id, booked: true, state: { in: [...HOLDING] } },
				data: { state: 'cancelled', updatedById: ctx.user.id }
			});
			const assignment = await tx.assignment.upsert({
				where: { demandId_volunteerId: { demandId: demand.id, volunteerId: pick.volunteerId } },
				create: {
					roundId: demand.round.id,
					demandId: demand.id,
					volunteerId: pick.volunteerId,
					state: 'invited',
					pinned: true,
					booked: true,
					createdById: ctx.user.id,
					updatedById: ctx.user.id
				},
				update: { state: 'invited', pinned: true, booked: true, declineReason: null, respondedAt: null, updatedById: ctx.user.id }
			});
			await tx.demand.update({ where: { id: demand.id }, data: { status: 'matched' } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: demand.org.id,
				entity: 'demand',
				entityId: demand.id,
				action: 'redirect',
				before: { volunteerIds: demand.assignments.map((a) => a.volunteerId), withdrawn: withdrawn.count },
				after: { volunteerId: pick.volunteerId }
			});
			const users = volunteer.userId
				? await notify(tx, [
						{
							userId: volunteer.userId,
							kind: 'invitation.new',
							payload: {
								href: `/me/invitations/${assignment.id}`,
								demandTitle: demand.title,
								schoolName: demand.org.name,
								firstStartsAt: null
							}
						}
					])
				: [];
			return { assignmentId: assignment.id, users };
		});
		notified(result.users);
		return { assignmentId: result.assignmentId, volunteerName: volunteer.name };
	})
};
