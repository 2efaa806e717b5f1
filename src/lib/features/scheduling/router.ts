// scheduling.*: the coordinator's timetable (run, look, send), the volunteer's invitations
// and answers, and the school's confirmations. Every call is scoped to the caller's part of
// the organisation tree or, for volunteers, to their own invitations.
import { TRPCError } from '@trpc/server';
import { can, orgScope } from '$lib/server/auth/authorize';
import { requireRound } from '$lib/server/auth/round-access';
import { authedProcedure, router, type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { m } from '$lib/paraglide/messages';
import { acceptInvitation, confirmSession, declineInvitation } from './answer';
import { scheduleRound, sendRound } from './plan';
import { declineReasonText, describeEngineReason, parseReason } from './reasons';
import { substitutesFor } from '$lib/server/substitutes';
import { applyReplan, discardReplan } from './replan-apply';
import { declinedSessionsOf, proposeSubstitute, sessionsAwaitingDate } from './replan-propose';
import { cancelSession, requestAnotherDate } from './session-requests';
import { replansOf } from './replan-view';
import {
	acceptInput,
	assignmentIdInput,
	cancelSessionInput,
	confirmInput,
	declineInput,
	proposeSubstituteInput,
	replanIdInput,
	requestDateInput,
	roundIdInput,
	substitutesInput
} from './schemas';

const sessionSelect = {
	id: true,
	seriesIndex: true,
	startsAt: true,
	endsAt: true,
	mode: true,
	place: true,
	onlineUrl: true,
	room: true,
	status: true,
	sequence: true,
	unscheduledReason: true,
	orgId: true,
	demand: {
		select: {
			id: true,
			title: true,
			kind: true,
			sessionCount: true,
			org: { select: { id: true, name: true, address: true, districtId: true } }
		}
	},
	volunteers: { select: { volunteerId: true, assignmentId: true, volunteer: { select: { name: true } } } }
} as const;

/** Ranked substitutes for a declined seat of a round the caller manages. */
async function declinedSeatSubstitutes(ctx: AuthedContext, input: { roundId: string; assignmentId: string }) {
	const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
	const seat = await ctx.db.assignment.findFirst({
		where: { id: input.assignmentId, roundId: round.id, state: 'declined' },
		select: {
			volunteerId: true,
			demand: { include: { org: { select: { districtId: true } }, assignments: { select: { volunteerId: true, state: true } } } }
		}
	});
	if (!seat) throw new TRPCError({ code: 'NOT_FOUND', message: 'assignmentId: no such declined invitation' });
	const asked = seat.demand.assignments.filter((a) => ['invited', 'accepted', 'confirmed', 'declined'].includes(a.state));
	// The seat's sessions wait undated but keep their published dates: a substitute should make those.
	const seatSessions = await ctx.db.scheduledSession.findMany({
		where: { id: { in: await declinedSessionsOf(ctx.db, seat.demand.id, seat.volunteerId) }, startsAt: { not: null } },
		select: { startsAt: true, endsAt: true }
	});
	const slots = seatSessions.map((s) => ({ startsAt: s.startsAt!, endsAt: s.endsAt ?? s.startsAt! }));
	const substitutes = await substitutesFor(ctx.db, {
		round,
		demand: seat.demand,
		exclude: new Set(asked.map((a) => a.volunteerId)),
		slots
	});
	return { round, substitutes };
}

/** The session's round, managed by the caller; out of reach looks like missing. */
async function managedSession(ctx: AuthedContext, sessionId: string) {
	const s = await ctx.db.scheduledSession.findUnique({ where: { id: sessionId }, select: { roundId: true } });
	if (!s) throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
	try {
		return await requireRound(ctx.db, ctx.principal, s.roundId, 'round.manage');
	} catch {
		throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
	}
}

function volunteerOf(ctx: AuthedContext): string {
	if (!ctx.principal.volunteerId) throw new TRPCError({ code: 'NOT_FOUND', message: 'assignmentId: no such invitation' });
	return ctx.principal.volunteerId;
}

export const schedulingRouter = router({
	/** Dates the round's published matches as draft sessions (again, until sent). */
	run: authedProcedure.input(roundIdInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		if (round.status !== 'scheduling') throw fieldError('roundId', m.sched_error_round_not_scheduling(), 'CONFLICT');
		return scheduleRound(ctx.db, { roundId: round.id, actorId: ctx.user.id });
	}),

	/** The proposed (or sent) timetable, with why each undated session has no date. */
	timetable: authedProcedure.input(roundIdInput).query(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'board.view');
		const sessions = await ctx.db.scheduledSession.findMany({
			where: { roundId: round.id },
			select: sessionSelect,
			orderBy: [{ startsAt: 'asc' }, { seriesIndex: 'asc' }]
		});
		const names = new Map<string, string>();
		for (const s of sessions) {
			names.set(s.demand.org.id, s.demand.org.name);
			names.set(`${s.demand.org.id}~holiday`, s.demand.org.name);
			for (const v of s.volunteers) names.set(v.volunteerId, v.volunteer.name);
		}
		const declinedBy = await ctx.db.assignment.findMany({
			where: { roundId: round.id, state: 'declined' },
			select: { id: true, demandId: true, declineReason: true, volunteer: { select: { name: true } } }
		});
		return {
			round: { id: round.id, name: round.name, status: round.status },
			sessions: sessions.map(({ unscheduledReason, ...s }) => {
				const reason = parseReason(unscheduledReason);
				return {
					...s,
					reasonKind: reason?.kind ?? null,
					reasonText: describeEngineReason(reason, names, ctx.locale),
					declinedBy: reason?.kind === 'declined' ? (declinedBy.find((d) => d.demandId === s.demand.id)?.volunteer.name ?? null) : null
				};
			}),
			declined: declinedBy.map((d) => ({
				assignmentId: d.id,
				demandId: d.demandId,
				volunteerName: d.volunteer.name,
				reason: d.declineReason,
				reasonText: declineReasonText(d.declineReason, ctx.locale)
			}))
		};
	}),

	/** Sends the drafts: each volunteer gets one invitation per need. */
	send: authedProcedure.input(roundIdInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		if (round.status !== 'scheduling') throw fieldError('roundId', m.sched_error_round_not_scheduling(), 'CONFLICT');
		return sendRound(ctx.db, { roundId: round.id, actorId: ctx.user.id });
	}),

	/** The caller's own invitations that have dated sessions, newest answer first. */
	invitations: authedProcedure.query(async ({ ctx }) => {
		if (!ctx.principal.volunteerId) return [];
		const rows = await ctx.db.assignment.findMany({
			where: {
				volunteerId: ctx.principal.volunteerId,
				state: { in: ['invited', 'accepted', 'confirmed'] },
				demand: {
					sessions: {
						some: { volunteers: { some: { volunteerId: ctx.principal.volunteerId } }, status: { in: ['planned', 'accepted', 'confirmed'] } }
					}
				}
			},
			select: { id: true, state: true, demand: { select: { title: true, org: { select: { name: true } } } } },
			orderBy: { createdAt: 'asc' }
		});
		const sessions = await ctx.db.scheduledSession.findMany({
			where: {
				volunteers: { some: { assignmentId: { in: rows.map((r) => r.id) } } },
				status: { in: ['planned', 'accepted', 'confirmed'] }
			},
			select: { startsAt: true, volunteers: { select: { assignmentId: true } } },
			orderBy: { startsAt: 'asc' }
		});
		return rows.map((r) => {
			const mine = sessions.filter((s) => s.volunteers.some((v) => v.assignmentId === r.id));
			return {
				assignmentId: r.id,
				state: r.state,
				title: r.demand.title,
				schoolName: r.demand.org.name,
				firstStartsAt: mine[0]?.startsAt ?? null,
				sessions: mine.length
			};
		});
	}),

	/** One invitation in full: what, for whom, where, when (every date), with whom. */
	invitation: authedProcedure.input(assignmentIdInput).query(async ({ ctx, input }) => {
		const volunteerId = volunteerOf(ctx);
		const a = await ctx.db.assignment.findFirst({
			where: { id: input.assignmentId, volunteerId },
			select: {
				id: true,
				state: true,
				volunteer: { select: { homeDistrictId: true } },
				demand: {
					select: {
						id: true,
						title: true,
						kind: true,
						topic: true,
						audience: true,
						audienceSize: true,
						notes: true,
						org: { select: { name: true, address: true, districtId: true } }
					}
				}
			}
		});
		if (!a) throw new TRPCError({ code: 'NOT_FOUND', message: 'assignmentId: no such invitation' });
		const sessions = await ctx.db.scheduledSession.findMany({
			where: { volunteers: { some: { assignmentId: a.id } }, status: { in: ['planned', 'accepted', 'confirmed'] } },
			select: {
				id: true,
				startsAt: true,
				endsAt: true,
				mode: true,
				place: true,
				onlineUrl: true,
				room: true,
				status: true,
				sequence: true
			},
			orderBy: { startsAt: 'asc' }
		});
		const partners = await ctx.db.assignment.findMany({
			where: { demandId: a.demand.id, id: { not: a.id }, state: { in: ['invited', 'accepted', 'confirmed'] } },
			select: { volunteer: { select: { name: true } } }
		});
		const home = a.volunteer.homeDistrictId;
		const school = a.demand.org.districtId;
		const travel = !school
			? null
			: home === school
				? 0
				: ((await ctx.db.travelTime.findUnique({ where: { fromId_toId: { fromId: home, toId: school } }, select: { minutes: true } }))
						?.minutes ?? null);
		return {
			assignmentId: a.id,
			state: a.state,
			demand: a.demand,
			travelMinutes: travel,
			sessions,
			partners: partners.map((p) => p.volunteer.name)
		};
	}),

	accept: authedProcedure
		.input(acceptInput)
		.mutation(({ ctx, input }) =>
			acceptInvitation(ctx.db, { assignmentId: input.assignmentId, volunteerId: volunteerOf(ctx), actorId: ctx.user.id, seen: input.seen })
		),

	decline: authedProcedure.input(declineInput).mutation(({ ctx, input }) =>
		declineInvitation(ctx.db, {
			assignmentId: input.assignmentId,
			volunteerId: volunteerOf(ctx),
			actorId: ctx.user.id,
			seen: input.seen,
			reason: input.reason,
			note: input.note
		})
	),

	/** Sessions the caller's schools host that volunteers have accepted or that are confirmed. */
	schoolSessions: authedProcedure.query(async ({ ctx }) => {
		const rows = await ctx.db.scheduledSession.findMany({
			where: { org: orgScope(ctx.principal, 'session.confirm'), status: { in: ['accepted', 'confirmed'] } },
			select: { ...sessionSelect, roundId: true },
			orderBy: { startsAt: 'asc' }
		});
		const asked = await sessionsAwaitingDate(ctx.db, [...new Set(rows.map((s) => s.roundId))]);
		return rows.map((s) => ({ ...s, dateRequested: asked.has(s.id) }));
	}),

	/** Instead of confirming, the school asks for another date: that session alone is re-planned. */
	requestDate: authedProcedure.input(requestDateInput).mutation(async ({ ctx, input }) => {
		const s = await ctx.db.scheduledSession.findUnique({
			where: { id: input.sessionId },
			select: { roundId: true, org: { select: { path: true } } }
		});
		if (!s || !can(ctx.principal, 'session.confirm', s.org.path))
			throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
		return requestAnotherDate(ctx.db, { ...input, roundId: s.roundId, actorId: ctx.user.id });
	}),

	/** Open re-plan proposals of the round, each as a difference. */
	replans: authedProcedure.input(roundIdInput).query(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		return replansOf(ctx.db, round.id, ctx.locale);
	}),

	/** Who could take a declined seat, best first, with the matching engine's reasons. */
	substitutes: authedProcedure
		.input(substitutesInput)
		.query(async ({ ctx, input }) => (await declinedSeatSubstitutes(ctx, input)).substitutes),

	/** Re-plans a declined seat's sessions with the chosen substitute on them (a proposal). */
	proposeSubstitute: authedProcedure.input(proposeSubstituteInput).mutation(async ({ ctx, input }) => {
		const { round, substitutes } = await declinedSeatSubstitutes(ctx, input);
		return proposeSubstitute(ctx.db, {
			roundId: round.id,
			assignmentId: input.assignmentId,
			volunteerId: input.volunteerId,
			actorId: ctx.user.id,
			allowed: new Set(substitutes.map((s) => s.volunteerId))
		});
	}),

	applyReplan: authedProcedure.input(replanIdInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		return applyReplan(ctx.db, { replanId: input.replanId, roundId: round.id, actorId: ctx.user.id });
	}),

	discardReplan: authedProcedure.input(replanIdInput).mutation(async ({ ctx, input }) => {
		const round = await requireRound(ctx.db, ctx.principal, input.roundId, 'round.manage');
		return discardReplan(ctx.db, { replanId: input.replanId, roundId: round.id, actorId: ctx.user.id });
	}),

	/** A coordinator cancels a session; what it frees is offered to left-out sessions as a re-plan. */
	cancelSession: authedProcedure.input(cancelSessionInput).mutation(async ({ ctx, input }) => {
		const round = await managedSession(ctx, input.sessionId);
		return cancelSession(ctx.db, { ...input, roundId: round.id, actorId: ctx.user.id });
	}),

	confirm: authedProcedure.input(confirmInput).mutation(async ({ ctx, input }) => {
		const s = await ctx.db.scheduledSession.findUnique({ where: { id: input.sessionId }, select: { org: { select: { path: true } } } });
		if (!s || !can(ctx.principal, 'session.confirm', s.org.path))
			throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
		return confirmSession(ctx.db, { sessionId: input.sessionId, seen: input.seen, actorId: ctx.user.id });
	})
});
