// The record screen and recording a session (a volunteer on it, the school, or a coordinator), and mentoring progress notes.
import { TRPCError } from '@trpc/server';
import { recordAudit } from '$lib/server/audit';
import { emitLive } from '$lib/server/live/bus';
import { notified } from '$lib/server/live/notify';
import { authedProcedure } from '$lib/server/trpc/init';
import { nextSessionStatus } from '$lib/domain/session-status';
import { autoApproveAt, hoursCount, plannedRecord } from '../domain';
import { remindToConfirm } from '../reminders';
import { progressNoteInput, recordInput, sessionIdInput } from '../schemas';
import { recordView, sessionFor } from './session';
import { settingsFor } from './settings';

export const recordProcedures = {
	/** The record screen: the session, what the one tap would record, what is already there. */
	form: authedProcedure.input(sessionIdInput).query(async ({ ctx, input }) => {
		const { s, roles } = await sessionFor(ctx, input.sessionId, ['volunteer', 'school', 'coordinator']);
		const note = s.demand.kind === 'mentoring' ? await ctx.db.progressNote.findUnique({ where: { sessionId: s.id } }) : null;
		const observations =
			roles.has('school') || roles.has('coordinator')
				? await ctx.db.observation.findMany({ where: { sessionId: s.id }, orderBy: { createdAt: 'asc' } })
				: [];
		const settings = await settingsFor(ctx.db, s.org.path);
		return {
			session: {
				id: s.id,
				title: s.demand.title,
				kind: s.demand.kind,
				school: s.org.name,
				startsAt: s.startsAt,
				endsAt: s.endsAt,
				status: s.status,
				volunteers: s.volunteers.map((v) => v.volunteer.name)
			},
			planned: plannedRecord(s, s.demand),
			record: s.record ? recordView(s.record) : null,
			hoursCount: s.record ? hoursCount(s.record, new Date()) : false,
			autoApproveAt: s.record?.autoApproveAt ?? null,
			evaluation: s.record?.evaluation ?? null,
			progressNote: note?.text ?? null,
			observations,
			autoApproveDays: settings.autoApproveDays,
			can: {
				record: !s.record?.locked && (roles.has('volunteer') || roles.has('school') || roles.has('coordinator')),
				confirm: roles.has('school') && !!s.record && s.record.approval !== 'confirmed' && s.record.outcome !== 'not_held',
				object: roles.has('school') && !!s.record && !s.record.locked && s.record.approval === 'pending',
				correct: roles.has('coordinator') && !!s.record,
				observe: roles.has('coordinator'),
				progressNote: s.demand.kind === 'mentoring' && roles.has('volunteer')
			}
		};
	}),

	record: authedProcedure.input(recordInput).mutation(async ({ ctx, input }) => {
		const { s, roles } = await sessionFor(ctx, input.sessionId, ['volunteer', 'school', 'coordinator']);
		if (s.record?.locked)
			throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: the record is confirmed and locked; a coordinator can correct it' });
		const status =
			nextSessionStatus(s.status, input.outcome === 'not_held' ? 'recordNotHeld' : 'recordHeld') ?? (s.record ? s.status : null);
		if (!status) throw new TRPCError({ code: 'CONFLICT', message: `sessionId: a ${s.status} session cannot be recorded` });
		const settings = await settingsFor(ctx.db, s.org.path);
		const now = new Date();
		const first = s.volunteers[0]?.volunteer;
		const fields = {
			outcome: input.outcome,
			minutes: input.outcome === 'not_held' ? 0 : input.minutes,
			pupils: input.outcome === 'not_held' ? 0 : input.pupils,
			parents: input.outcome === 'not_held' ? 0 : input.parents,
			teachers: input.outcome === 'not_held' ? 0 : input.teachers,
			note: input.note,
			notHeldReason: input.outcome === 'not_held' ? input.notHeldReason! : null,
			substituteName: input.outcome === 'substitute' ? input.substituteName! : null
		};
		// A school recording it has in effect confirmed it; anyone else waits for the school.
		const bySchool = roles.has('school') && !roles.has('volunteer');
		const approval = bySchool ? ('confirmed' as const) : ('pending' as const);
		const users = await ctx.db.$transaction(async (tx) => {
			await tx.sessionRecord.upsert({
				where: { sessionId: s.id },
				update: {
					...fields,
					recordedById: ctx.user.id,
					recordedAt: now,
					approval,
					autoApproveAt: autoApproveAt(now, settings.autoApproveDays),
					objection: null
				},
				create: {
					sessionId: s.id,
					...fields,
					recordedById: ctx.user.id,
					recordedAt: now,
					approval,
					confirmedAt: bySchool ? now : null,
					confirmedById: bySchool ? ctx.user.id : null,
					autoApproveAt: autoApproveAt(now, settings.autoApproveDays),
					heldAt: s.startsAt ?? now,
					schoolId: s.org.id,
					schoolPath: s.org.path,
					districtId: s.org.districtId,
					kind: s.demand.kind,
					topic: s.demand.topic,
					rural: s.demand.rural || s.org.rural,
					leftBehind: s.demand.leftBehind,
					volunteerId: input.outcome === 'substitute' ? null : (first?.id ?? null),
					volunteerCategory: input.outcome === 'substitute' ? null : (first?.category ?? null)
				}
			});
			await tx.scheduledSession.update({ where: { id: s.id }, data: { status, sequence: { increment: 1 } } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: s.id,
				action: s.record ? 'update' : 'create',
				before: s.record ? recordView(s.record) : undefined,
				after: fields
			});
			return (await remindToConfirm(ctx.db, tx, now, [s.id])).map((i) => i.userId);
		});
		emitLive({ type: 'sessions.changed', sessionIds: [s.id] });
		notified(users);
		return { ok: true };
	}),

	progressNote: authedProcedure.input(progressNoteInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['volunteer']);
		if (s.demand.kind !== 'mentoring')
			throw new TRPCError({ code: 'BAD_REQUEST', message: 'sessionId: progress notes belong to mentoring meetings' });
		await ctx.db.$transaction(async (tx) => {
			await tx.progressNote.upsert({
				where: { sessionId: s.id },
				update: { text: input.text },
				create: { sessionId: s.id, authorId: ctx.user.id, text: input.text }
			});
			// The note may speak of the pupil, so the audit keeps only that it changed.
			await recordAudit(tx, { actorId: ctx.user.id, orgId: s.org.id, entity: 'ProgressNote', entityId: s.id, action: 'update' });
		});
		return { ok: true };
	})
};
