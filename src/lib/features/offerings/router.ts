// The resource menu (资源菜单) and booking (约课). Veterans keep their offerings, or a
// coordinator keeps them for them; a coordinator's review puts an offering on the menu.
// A school browses what it may book — online, or offline within the veteran's travel — and
// books it: that makes a need already tied to the veteran, an invitation they answer like
// any other, kept off the board's lanes so auto-match never moves it.
import { TRPCError } from '@trpc/server';
import { roundCapacity } from '$lib/domain/capacity';
import { dateToDay, dayToDate } from '$lib/domain/dates';
import { nameInitials } from '$lib/domain/pinyin';
import { priorityOf } from '$lib/features/demands/domain';
import { partsOf } from '$lib/features/volunteers/domain';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { can, orgScope } from '$lib/server/auth/authorize';
import { providerOf, type Db } from '$lib/server/db';
import { notified, notify } from '$lib/server/live/notify';
import { ACTIVE_SESSION_STATUSES } from '$lib/domain/session-status';
import { substitutesFor } from '$lib/server/substitutes';
import { authedProcedure, requireOrgPermission, router, type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { checkBooking, type BookingProblem } from './booking-rules';
import {
	bookInput,
	bookingInput,
	listOfferingsInput,
	menuInput,
	offeringIdInput,
	redirectInput,
	reviewInput,
	saveOfferingInput,
	type OfferingFields
} from './schemas';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/** Invitations that hold a veteran's time. */
const HOLDING = ['invited', 'accepted', 'confirmed'] as const;

const problemPath = (p: BookingProblem) => (p.field === 'offeringId' ? 'offeringId' : `fields.${p.field}`);

const offeringColumns = (f: OfferingFields) => ({
	title: f.title,
	titleInitials: nameInitials(f.title),
	kind: f.kind,
	topic: f.topic,
	audience: f.audience.join(','),
	minutes: f.minutes,
	sessionCount: f.sessionCount,
	offersOnline: f.offersOnline,
	offersOffline: f.offersOffline,
	perTerm: f.perTerm,
	description: f.description
});

const fieldsOf = (o: {
	title: string;
	kind: string;
	topic: string;
	audience: string;
	minutes: number;
	sessionCount: number;
	offersOnline: boolean;
	offersOffline: boolean;
	perTerm: number;
	description: string;
}) =>
	({
		title: o.title,
		kind: o.kind,
		topic: o.topic,
		audience: o.audience ? o.audience.split(',') : [],
		minutes: o.minutes,
		sessionCount: o.sessionCount,
		offersOnline: o.offersOnline,
		offersOffline: o.offersOffline,
		perTerm: o.perTerm,
		description: o.description
	}) as OfferingFields;

const withVolunteer = { volunteer: { select: { id: true, name: true, userId: true, org: { select: { id: true, path: true } } } } } as const;

/** An offering the caller may change: their own, or one of a veteran in their subtree. Otherwise it does not exist. */
async function editableOffering(ctx: AuthedContext, id: string) {
	const o = await ctx.db.offering.findUnique({ where: { id }, include: withVolunteer });
	const own = o !== null && o.volunteerId === ctx.principal.volunteerId;
	if (!o || !(own || can(ctx.principal, 'volunteer.edit', o.volunteer.org.path)))
		throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such offering' });
	return { offering: o, own };
}

/** Booked and held counts per offering, for coordinators and leaders. */
async function usage(db: Db, offeringIds: string[]) {
	if (!offeringIds.length) return new Map<string, { booked: number; held: number }>();
	const [booked, held] = await Promise.all([
		db.demand.groupBy({
			by: ['offeringId'],
			where: { offeringId: { in: offeringIds }, status: { not: 'withdrawn' } },
			_count: { _all: true }
		}),
		db.scheduledSession.findMany({
			where: { status: 'held', demand: { offeringId: { in: offeringIds } } },
			select: { demand: { select: { offeringId: true } } }
		})
	]);
	const out = new Map(offeringIds.map((id) => [id, { booked: 0, held: 0 }]));
	for (const b of booked) if (b.offeringId) out.get(b.offeringId)!.booked = b._count._all;
	for (const h of held) if (h.demand.offeringId) out.get(h.demand.offeringId)!.held++;
	return out;
}

/** The school's district and its travel table, to decide what an offline offering can reach. */
async function reachOf(db: Db, schoolDistrictId: string | null) {
	const travel = await db.travelTime.findMany({
		where: schoolDistrictId ? { toId: schoolDistrictId } : { toId: '' },
		select: { fromId: true, minutes: true }
	});
	const byFrom = new Map(travel.map((t) => [t.fromId, t.minutes]));
	return (homeDistrictId: string): number | null => {
		if (!schoolDistrictId) return null;
		if (homeDistrictId === schoolDistrictId) return 0;
		return byFrom.get(homeDistrictId) ?? null;
	};
}

/** Weekday parts a veteran is usually free ("2:morning"), for the menu; never a phone number. */
const usualTimes = (slots: { weekday: number; fromMinute: number; toMinute: number }[]) => [...partsOf(slots)].sort();

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

export const offeringsRouter = router({
	/** The veteran's own offerings, with their review state. */
	mine: authedProcedure.query(async ({ ctx }) => {
		if (!ctx.principal.volunteerId) return [];
		const rows = await ctx.db.offering.findMany({
			where: { volunteerId: ctx.principal.volunteerId, status: { not: 'withdrawn' } },
			orderBy: { createdAt: 'asc' }
		});
		return rows.map((o) => ({ id: o.id, status: o.status, reviewNote: o.reviewNote, fields: fieldsOf(o) }));
	}),

	/** One offering to edit: one's own, or a veteran's in the subtree. */
	get: authedProcedure.input(offeringIdInput).query(async ({ ctx, input }) => {
		const { offering: o } = await editableOffering(ctx, input.id);
		return {
			id: o.id,
			status: o.status,
			reviewNote: o.reviewNote,
			volunteer: { id: o.volunteer.id, name: o.volunteer.name },
			fields: fieldsOf(o)
		};
	}),

	/** A veteran's change goes (back) to review; a coordinator's counts as reviewed. */
	save: authedProcedure.input(saveOfferingInput).mutation(async ({ ctx, input }) => {
		let volunteer: { id: string; name: string; org: { id: string; path: string } };
		let own: boolean;
		let before: ReturnType<typeof fieldsOf> | null = null;
		if (input.id) {
			const found = await editableOffering(ctx, input.id);
			if (found.offering.status === 'withdrawn') throw fieldError('id', m.offerings_error_withdrawn(), 'CONFLICT');
			volunteer = found.offering.volunteer;
			own = found.own;
			before = fieldsOf(found.offering);
		} else {
			const id = input.volunteerId ?? ctx.principal.volunteerId;
			const v = id
				? await ctx.db.volunteerProfile.findUnique({
						where: { id },
						select: { id: true, name: true, org: { select: { id: true, path: true } } }
					})
				: null;
			own = v !== null && v.id === ctx.principal.volunteerId;
			if (!v || !(own || can(ctx.principal, 'volunteer.edit', v.org.path)))
				throw new TRPCError({ code: 'NOT_FOUND', message: 'volunteerId: no such volunteer' });
			volunteer = v;
		}
		const reviewed = !own || can(ctx.principal, 'volunteer.edit', volunteer.org.path);
		const review = reviewed
			? { status: 'approved' as const, reviewedById: ctx.user.id, reviewedAt: new Date(), reviewNote: null }
			: { status: 'pending' as const, reviewedById: null, reviewedAt: null, reviewNote: null };
		return ctx.db.$transaction(async (tx) => {
			const saved = input.id
				? await tx.offering.update({ where: { id: input.id }, data: { ...offeringColumns(input.fields), ...review } })
				: await tx.offering.create({
						data: { ...offeringColumns(input.fields), ...review, volunteerId: volunteer.id, createdById: ctx.user.id }
					});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: volunteer.org.id,
				entity: 'offering',
				entityId: saved.id,
				action: input.id ? 'update' : 'create',
				before: before ?? undefined,
				after: { ...input.fields, status: saved.status }
			});
			return { id: saved.id, status: saved.status };
		});
	}),

	/** Takes an offering off the menu; bookings already made stand. */
	withdraw: authedProcedure.input(offeringIdInput).mutation(async ({ ctx, input }) => {
		const { offering } = await editableOffering(ctx, input.id);
		await ctx.db.$transaction(async (tx) => {
			await tx.offering.update({ where: { id: offering.id }, data: { status: 'withdrawn' } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: offering.volunteer.org.id,
				entity: 'offering',
				entityId: offering.id,
				action: 'withdraw',
				before: { status: offering.status },
				after: { status: 'withdrawn' }
			});
		});
		return { id: offering.id, status: 'withdrawn' as const };
	}),

	/** Offerings of the veterans in the caller's subtree, with how often each was booked and held. */
	list: authedProcedure.input(listOfferingsInput).query(async ({ ctx, input }) => {
		const scope = orgScope(ctx.principal, 'volunteer.view');
		const search = input.search;
		const where = {
			volunteer: { org: scope },
			...(input.status ? { status: input.status } : { status: { not: 'withdrawn' as const } }),
			...(input.topic ? { topic: input.topic } : {}),
			...(search
				? {
						OR: [
							{ title: { contains: search } },
							{ titleInitials: { startsWith: search.toLowerCase() } },
							{ volunteer: { name: { contains: search } } },
							{ volunteer: { nameInitials: { startsWith: search.toLowerCase() } } }
						]
					}
				: {})
		};
		const [total, rows] = await Promise.all([
			ctx.db.offering.count({ where }),
			ctx.db.offering.findMany({
				where,
				include: { volunteer: { select: { id: true, name: true, category: true, org: { select: { path: true } } } } },
				orderBy: [{ status: 'asc' }, { createdAt: 'desc' }],
				skip: (input.page - 1) * input.pageSize,
				take: input.pageSize
			})
		]);
		const counts = await usage(
			ctx.db,
			rows.map((r) => r.id)
		);
		return {
			total,
			page: input.page,
			pageSize: input.pageSize,
			rows: rows.map((o) => ({
				id: o.id,
				status: o.status,
				fields: fieldsOf(o),
				volunteer: { id: o.volunteer.id, name: o.volunteer.name, category: o.volunteer.category },
				mayReview: can(ctx.principal, 'volunteer.edit', o.volunteer.org.path),
				...counts.get(o.id)!
			}))
		};
	}),

	/** A coordinator puts an offering on the menu, or sends it back with a note. */
	review: authedProcedure.input(reviewInput).mutation(async ({ ctx, input }) => {
		const o = await ctx.db.offering.findUnique({ where: { id: input.id }, include: withVolunteer });
		if (!o || !can(ctx.principal, 'volunteer.edit', o.volunteer.org.path))
			throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such offering' });
		if (o.status === 'withdrawn') throw fieldError('id', m.offerings_error_withdrawn(), 'CONFLICT');
		if (input.decision === 'reject' && !input.note) throw fieldError('note', m.offerings_error_reject_note());
		const status = input.decision === 'approve' ? ('approved' as const) : ('rejected' as const);
		const users = await ctx.db.$transaction(async (tx) => {
			await tx.offering.update({
				where: { id: o.id },
				data: { status, reviewNote: input.note || null, reviewedById: ctx.user.id, reviewedAt: new Date() }
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: o.volunteer.org.id,
				entity: 'offering',
				entityId: o.id,
				action: input.decision,
				before: { status: o.status },
				after: { status, note: input.note }
			});
			return o.volunteer.userId
				? notify(tx, [
						{ userId: o.volunteer.userId, kind: `offering.${status}`, payload: { href: '/me/offerings', title: o.title, note: input.note } }
					])
				: [];
		});
		notified(users);
		return { id: o.id, status };
	}),

	/** What this school may book: approved offerings it can be served by — online, or offline within the veteran's travel. */
	menu: authedProcedure.input(menuInput).query(async ({ ctx, input }) => {
		const school = await requireOrgPermission(ctx, 'offering.book', input.orgId);
		const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: school.id }, select: { districtId: true } });
		const minutesFrom = await reachOf(ctx.db, org.districtId);
		const search = input.search;
		const rows = await ctx.db.offering.findMany({
			where: {
				status: 'approved',
				volunteer: { active: true },
				...(input.topic ? { topic: input.topic } : {}),
				...(input.kind ? { kind: input.kind } : {}),
				...(input.audience ? { audience: { contains: input.audience } } : {}),
				...(search
					? {
							OR: [
								{ title: { contains: search } },
								{ description: { contains: search } },
								{ titleInitials: { startsWith: search.toLowerCase() } },
								{ volunteer: { nameInitials: { startsWith: search.toLowerCase() } } }
							]
						}
					: {})
			},
			include: {
				volunteer: {
					select: {
						id: true,
						name: true,
						category: true,
						homeDistrictId: true,
						maxTravelMinutes: true,
						availability: { select: { weekday: true, fromMinute: true, toMinute: true } }
					}
				}
			},
			orderBy: [{ topic: 'asc' }, { title: 'asc' }]
		});
		const offers = rows
			.map((o) => {
				const minutes = minutesFrom(o.volunteer.homeDistrictId);
				const offline = o.offersOffline && minutes !== null && minutes <= o.volunteer.maxTravelMinutes;
				return {
					o,
					modes: [...(offline ? ['offline' as const] : []), ...(o.offersOnline ? ['online' as const] : [])],
					minutes: offline ? minutes : null
				};
			})
			.filter((x) => x.modes.length > 0 && (!input.mode || x.modes.includes(input.mode)));
		const page = offers.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
		return {
			total: offers.length,
			page: input.page,
			pageSize: input.pageSize,
			rows: page.map(({ o, modes, minutes }) => ({
				id: o.id,
				fields: fieldsOf(o),
				modes,
				travelMinutes: minutes,
				volunteer: { name: o.volunteer.name, category: o.volunteer.category, usualTimes: usualTimes(o.volunteer.availability) }
			}))
		};
	}),

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
	}),

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
});
