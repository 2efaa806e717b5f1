// A veteran's own offerings, or a veteran's in the caller's subtree: read, save, withdraw.
import { TRPCError } from '@trpc/server';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { can } from '$lib/server/auth/authorize';
import { authedProcedure } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { offeringIdInput, saveOfferingInput } from '../schemas';
import { editableOffering, fieldsOf, offeringColumns } from './offering';

export const editProcedures = {
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
	})
};
