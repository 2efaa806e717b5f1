// A school's calendar: terms, holidays, exam weeks and closures (calendar.edit).
import type { Locale } from '$lib/validation/issues';
import { m } from '$lib/paraglide/messages';
import { recordAudit } from '$lib/server/audit';
import { orgProcedure, type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { dateToDay, dayToDate } from '$lib/domain/dates';
import { addCalendarEntryInput, deleteCalendarEntryInput, updateCalendarEntryInput } from '../schemas';
import { loadOrg, requireCalendar } from './org';
import { replanAfterBlackout } from '$lib/features/scheduling/replan-propose';

function describeRange(from: Date, to: Date, locale: Locale) {
	return m.orgs_date_range({ from: dateToDay(from), to: dateToDay(to) }, { locale });
}

/** Sessions on days the school now closes are re-planned (a proposal for the coordinators). */
function replanClosedDays(ctx: AuthedContext, orgId: string, entry: { kind: string; label: string; fromDate: string; toDate: string }) {
	return replanAfterBlackout(ctx.db, {
		orgId,
		kind: entry.kind,
		label: entry.label,
		from: entry.fromDate,
		to: entry.toDate,
		actorId: ctx.user.id
	});
}

/** Terms of one school may not overlap: a day belongs to one term. */
async function requireNoTermOverlap(
	ctx: AuthedContext,
	orgId: string,
	entry: { kind: string; fromDate: Date; toDate: Date },
	excludeId?: string
) {
	if (entry.kind !== 'term') return;
	const clash = await ctx.db.schoolCalendarEntry.findFirst({
		where: {
			orgId,
			kind: 'term',
			id: excludeId ? { not: excludeId } : undefined,
			fromDate: { lte: entry.toDate },
			toDate: { gte: entry.fromDate }
		},
		orderBy: { fromDate: 'asc' }
	});
	if (clash) {
		throw fieldError(
			'fromDate',
			m.orgs_error_term_overlap(
				{ label: clash.label, range: describeRange(clash.fromDate, clash.toDate, ctx.locale) },
				{ locale: ctx.locale }
			)
		);
	}
}

export const calendarProcedures = {
	addCalendarEntry: orgProcedure('calendar.edit')
		.input(addCalendarEntryInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			requireCalendar(ctx, org.level);
			const data = { kind: input.kind, label: input.label, fromDate: dayToDate(input.fromDate), toDate: dayToDate(input.toDate) };
			await requireNoTermOverlap(ctx, org.id, data);
			const created = await ctx.db.$transaction(async (tx) => {
				const entry = await tx.schoolCalendarEntry.create({ data: { ...data, orgId: org.id } });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'calendar_entry',
					entityId: entry.id,
					action: 'create',
					after: entry
				});
				return entry;
			});
			await replanClosedDays(ctx, org.id, input);
			return created;
		}),

	updateCalendarEntry: orgProcedure('calendar.edit')
		.input(updateCalendarEntryInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			const before = await ctx.db.schoolCalendarEntry.findFirst({ where: { id: input.entryId, orgId: org.id } });
			if (!before) throw fieldError('entryId', m.orgs_error_entry_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
			const data = { kind: input.kind, label: input.label, fromDate: dayToDate(input.fromDate), toDate: dayToDate(input.toDate) };
			await requireNoTermOverlap(ctx, org.id, data, before.id);
			const updated = await ctx.db.$transaction(async (tx) => {
				const after = await tx.schoolCalendarEntry.update({ where: { id: before.id }, data });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'calendar_entry',
					entityId: before.id,
					action: 'update',
					before,
					after
				});
				return after;
			});
			await replanClosedDays(ctx, org.id, input);
			return updated;
		}),

	deleteCalendarEntry: orgProcedure('calendar.edit')
		.input(deleteCalendarEntryInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			const before = await ctx.db.schoolCalendarEntry.findFirst({ where: { id: input.entryId, orgId: org.id } });
			if (!before) throw fieldError('entryId', m.orgs_error_entry_not_found({}, { locale: ctx.locale }), 'NOT_FOUND');
			await ctx.db.$transaction(async (tx) => {
				await tx.schoolCalendarEntry.delete({ where: { id: before.id } });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'calendar_entry',
					entityId: before.id,
					action: 'delete',
					before
				});
			});
			return { id: before.id };
		})

	/** Replaces the whole week of visiting hours at once, as the grid shows it. */
};
