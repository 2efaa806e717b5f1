// The weekly hours when a school receives visitors (calendar.edit).
import { recordAudit } from '$lib/server/audit';
import { orgProcedure } from '$lib/server/trpc/init';
import { formatMinute } from '$lib/domain/dates';
import { setVisitingHoursInput } from '../schemas';
import { loadOrg, requireCalendar } from './org';

function weekSnapshot(slots: { weekday: number; fromMinute: number; toMinute: number }[]) {
	const week: Record<string, string> = {};
	for (const s of [...slots].sort((a, b) => a.weekday - b.weekday || a.fromMinute - b.fromMinute)) {
		const key = `weekday${s.weekday}`;
		week[key] = [week[key], `${formatMinute(s.fromMinute)}–${formatMinute(s.toMinute)}`].filter(Boolean).join(', ');
	}
	return week;
}

export const visitingHoursProcedures = {
	setVisitingHours: orgProcedure('calendar.edit')
		.input(setVisitingHoursInput)
		.mutation(async ({ ctx, input }) => {
			const org = await loadOrg(ctx, input.orgId);
			requireCalendar(ctx, org.level);
			return ctx.db.$transaction(async (tx) => {
				const before = await tx.visitingHours.findMany({ where: { orgId: org.id } });
				await tx.visitingHours.deleteMany({ where: { orgId: org.id } });
				await tx.visitingHours.createMany({ data: input.slots.map((s) => ({ ...s, orgId: org.id })) });
				await recordAudit(tx, {
					actorId: ctx.user.id,
					orgId: org.id,
					entity: 'visiting_hours',
					entityId: org.id,
					action: 'update',
					before: weekSnapshot(before),
					after: weekSnapshot(input.slots)
				});
				return { count: input.slots.length };
			});
		})

	/** Districts under the organisation and the minutes between them (missing pairs are unknown). */
};
