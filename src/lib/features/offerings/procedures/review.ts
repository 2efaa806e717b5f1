// Coordinators' view of the offerings in their subtree, and the review that puts one on the menu.
import { TRPCError } from '@trpc/server';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { can, orgScope } from '$lib/server/auth/authorize';
import type { Db } from '$lib/server/db';
import { notified, notify } from '$lib/server/live/notify';
import { authedProcedure } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { listOfferingsInput, reviewInput } from '../schemas';
import { fieldsOf, withVolunteer } from './offering';

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

export const reviewProcedures = {
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
	})
};
