// 约课: a school books an offering, and sees its bookings.
import { roundCapacity } from '$lib/domain/capacity';
import { dateToDay, dayToDate } from '$lib/domain/dates';
import { priorityOf } from '$lib/features/demands/domain';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { providerOf, type Db } from '$lib/server/db';
import { notified, notify } from '$lib/server/live/notify';
import { authedProcedure, requireOrgPermission } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { checkBooking, type BookingProblem } from '../booking-rules';
import { bookInput, menuInput } from '../schemas';
import { HOLDING, reachOf } from './offering';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const problemPath = (p: BookingProblem) => (p.field === 'offeringId' ? 'offeringId' : `fields.${p.field}`);

/** The innermost round of the school's committees covering the window, still taking needs. */
async function roundFor(db: Pick<Db, 'matchingRound'>, schoolPath: string, from: Date, to: Date) {
	const ancestors = schoolPath.split('/').filter(Boolean);
	const rounds = await db.matchingRound.findMany({
		where: { orgId: { in: ancestors }, status: { not: 'closed' }, fromDate: { lte: to }, toDate: { gte: from } },
		include: { org: { select: { path: true } } }
	});
	// Prefer one that covers the whole window; otherwise the overlapping one, so the school hears the window runs past it.
	const covers = (r: (typeof rounds)[number]) => (r.fromDate <= from && r.toDate >= to ? 1 : 0);
	return rounds.sort((a, b) => covers(b) - covers(a) || b.org.path.length - a.org.path.length)[0] ?? null;
}

function problemMessage(p: BookingProblem, names: { volunteer: string }): string {
	switch (p.code) {
		case 'not_on_menu':
			return m.offerings_problem_not_on_menu();
		case 'veteran_inactive':
			return m.offerings_problem_inactive({ name: names.volunteer });
		case 'term_limit':
			return m.offerings_problem_term_limit({ limit: p.limit ?? 0 });
		case 'over_load':
			return m.offerings_problem_over_load({ name: names.volunteer, limit: p.limit ?? 0 });
		case 'mode_not_offered':
			return m.offerings_problem_mode();
		case 'out_of_reach':
			return p.minutes === undefined
				? m.offerings_problem_no_route({ name: names.volunteer })
				: m.offerings_problem_reach({ name: names.volunteer, minutes: p.minutes, limit: p.limit ?? 0 });
		case 'no_round':
			return m.offerings_problem_no_round();
		case 'outside_round':
			return m.offerings_problem_outside_round();
		case 'on_leave':
			return m.offerings_problem_on_leave({ name: names.volunteer });
		case 'no_visiting_hours':
			return m.offerings_problem_no_visiting_hours();
		case 'no_common_day':
			return m.offerings_problem_no_common_day({ name: names.volunteer });
		case 'too_few_days':
			return m.offerings_problem_too_few_days({ needed: p.needed ?? 0, found: p.found ?? 0 });
	}
}

async function lockOffering(tx: Tx, db: Db, offeringId: string) {
	// Two schools taking the last booking of a term at once: the second waits and recounts.
	if (providerOf(db) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`offering:${offeringId}`}))`;
}

/** Coordinators of the round's committee and above, to hear about bookings. */
async function coordinatorsOver(db: Pick<Db, 'membership'>, orgPath: string) {
	const ids = orgPath.split('/').filter(Boolean);
	const rows = await db.membership.findMany({ where: { orgId: { in: ids }, role: 'coordinator', active: true }, select: { userId: true } });
	return [...new Set(rows.map((r) => r.userId))];
}

export const bookingProcedures = {
	/** 约课: the school proposes a window and an audience; a need tied to the veteran and their invitation are made at once. */
	book: authedProcedure.input(bookInput).mutation(async ({ ctx, input }) => {
		const school = await requireOrgPermission(ctx, 'offering.book', input.orgId);
		const o = await ctx.db.offering.findUnique({
			where: { id: input.offeringId },
			include: {
				volunteer: {
					include: { availability: true, leaves: { where: { status: 'approved' }, select: { fromDate: true, toDate: true } } }
				}
			}
		});
		if (!o || o.status !== 'approved') throw fieldError('offeringId', m.offerings_problem_not_on_menu());
		const org = await ctx.db.organization.findUniqueOrThrow({
			where: { id: school.id },
			include: { visitingHours: true, calendar: { where: { kind: { in: ['holiday', 'exam', 'closed'] } } } }
		});
		const from = dayToDate(input.fields.windowFrom);
		const to = dayToDate(input.fields.windowTo);
		const minutes = (await reachOf(ctx.db, org.districtId))(o.volunteer.homeDistrictId);

		const created = await ctx.db.$transaction(async (tx) => {
			await lockOffering(tx, ctx.db, o.id);
			const round = await roundFor(tx, org.path, from, to);
			const [bookedThisTerm, load] = round
				? await Promise.all([
						tx.demand.count({
							where: {
								offeringId: o.id,
								roundId: round.id,
								status: { not: 'withdrawn' },
								assignments: { some: { booked: true, state: { in: [...HOLDING] } } }
							}
						}),
						tx.assignment.count({ where: { volunteerId: o.volunteerId, roundId: round.id, state: { in: [...HOLDING] } } })
					])
				: [0, 0];
			const problems = checkBooking({
				window: { fromDate: from, toDate: to },
				mode: input.fields.mode,
				offering: o,
				round,
				bookedThisTerm,
				volunteer: {
					active: o.volunteer.active,
					load,
					capacity: round ? roundCapacity(o.volunteer.monthlyCapacity, round.fromDate, round.toDate) : 0,
					leaves: o.volunteer.leaves,
					weekdays: new Set(o.volunteer.availability.map((a) => a.weekday)),
					travelMinutes: minutes,
					maxTravelMinutes: o.volunteer.maxTravelMinutes
				},
				school: { weekdays: new Set(org.visitingHours.map((h) => h.weekday)), closed: org.calendar }
			});
			if (problems.length) {
				const first = problems[0];
				throw fieldError(
					problemPath(first),
					problemMessage(first, { volunteer: o.volunteer.name }),
					first.code === 'term_limit' ? 'CONFLICT' : 'BAD_REQUEST'
				);
			}
			const demand = await tx.demand.create({
				data: {
					orgId: org.id,
					roundId: round!.id,
					offeringId: o.id,
					kind: o.kind,
					title: o.title,
					topic: o.topic,
					audience: input.fields.audience.join(','),
					audienceSize: input.fields.audienceSize,
					mode: input.fields.mode,
					windowFrom: from,
					windowTo: to,
					sessionCount: o.sessionCount,
					sessionMinutes: o.minutes,
					seats: 1,
					rural: org.rural,
					priority: priorityOf({ rural: org.rural, leftBehind: false, hardship: false }),
					notes: input.fields.notes,
					status: 'matched',
					createdById: ctx.user.id
				}
			});
			const assignment = await tx.assignment.create({
				data: {
					roundId: round!.id,
					demandId: demand.id,
					volunteerId: o.volunteerId,
					state: 'invited',
					pinned: true,
					booked: true,
					createdById: ctx.user.id,
					updatedById: ctx.user.id
				}
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: org.id,
				entity: 'demand',
				entityId: demand.id,
				action: 'book',
				after: { offeringId: o.id, volunteerId: o.volunteerId, ...input.fields }
			});
			const coordinators = await coordinatorsOver(tx, round!.org.path);
			const users = await notify(tx, [
				...(o.volunteer.userId
					? [
							{
								userId: o.volunteer.userId,
								kind: 'invitation.new',
								payload: { href: `/me/invitations/${assignment.id}`, demandTitle: o.title, schoolName: org.name, firstStartsAt: null }
							}
						]
					: []),
				...coordinators.map((userId) => ({
					userId,
					kind: 'booking.new',
					payload: { href: `/board/${round!.id}`, demandTitle: o.title, schoolName: org.name, volunteerName: o.volunteer.name }
				}))
			]);
			return { demandId: demand.id, assignmentId: assignment.id, roundId: round!.id, users };
		});
		notified(created.users);
		return { demandId: created.demandId, assignmentId: created.assignmentId, roundId: created.roundId };
	}),

	/** The school's bookings and where each stands. */
	bookings: authedProcedure.input(menuInput.pick({ orgId: true })).query(async ({ ctx, input }) => {
		const school = await requireOrgPermission(ctx, 'offering.book', input.orgId);
		const rows = await ctx.db.demand.findMany({
			where: { orgId: school.id, offeringId: { not: null } },
			include: {
				assignments: {
					where: { booked: true },
					orderBy: { createdAt: 'desc' },
					take: 1,
					include: { volunteer: { select: { name: true } } }
				}
			},
			orderBy: { windowFrom: 'asc' }
		});
		return rows.map((d) => ({
			demandId: d.id,
			title: d.title,
			windowFrom: dateToDay(d.windowFrom),
			windowTo: dateToDay(d.windowTo),
			mode: d.mode,
			state: d.assignments[0]?.state ?? null,
			volunteerName: d.assignments[0]?.volunteer.name ?? null
		}));
	})
};
