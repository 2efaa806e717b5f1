// Records after a session, the school's confirmation and evaluation, coordinators'
// observations and corrections, and the reports built from them. Who may act:
//   record   — a volunteer seated on the session, or record.write over its school;
//   confirm  — record.confirm over the school (the school itself);
//   correct / observe — record.correct (coordinators), always with an audit entry;
//   reports  — report.view over the chosen part of the tree.
import { TRPCError } from '@trpc/server';
import { can, scopeRoots, type Principal } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import { emitLive } from '$lib/server/live/bus';
import { notified } from '$lib/server/live/notify';
import { authedProcedure, requireOrgPermission, router, type AuthedContext } from '$lib/server/trpc/init';
import { nextSessionStatus } from '$lib/domain/session-status';
import { autoApproveAt, hoursCount, plannedRecord } from './domain';
import { buildReport, reportWhere, schoolShortlist, volunteerShortlist } from './report';
import { reportWorkbook, shortlistWorkbook } from './export';
import { remindToConfirm } from './reminders';
import {
	confirmInput,
	correctInput,
	drillInput,
	objectInput,
	observeInput,
	progressNoteInput,
	recordInput,
	reportInput,
	sessionIdInput,
	settingsInput
} from './schemas';

const DEFAULT_SETTINGS = { autoApproveDays: 7, minSessions: 6, minAverageScore: 4 };

/** The settings that apply at an organisation: its own, else the nearest ancestor's, else the defaults. */
export async function settingsFor(db: Pick<Db, 'recordSettings'>, orgPath: string) {
	const ancestors = orgPath.split('/').filter(Boolean);
	const rows = await db.recordSettings.findMany({ where: { orgId: { in: ancestors } } });
	const nearest = rows.sort((a, b) => ancestors.indexOf(b.orgId) - ancestors.indexOf(a.orgId))[0];
	return nearest
		? { autoApproveDays: nearest.autoApproveDays, minSessions: nearest.minSessions, minAverageScore: nearest.minAverageScore }
		: DEFAULT_SETTINGS;
}

async function loadSession(db: Db, sessionId: string) {
	return db.scheduledSession.findUnique({
		where: { id: sessionId },
		include: {
			org: { select: { id: true, name: true, path: true, districtId: true, rural: true } },
			demand: {
				select: { id: true, title: true, kind: true, topic: true, sessionMinutes: true, audienceSize: true, rural: true, leftBehind: true }
			},
			volunteers: { include: { volunteer: { select: { id: true, name: true, category: true } } } },
			record: { include: { evaluation: true } }
		}
	});
}
type LoadedSession = NonNullable<Awaited<ReturnType<typeof loadSession>>>;

type Role = 'volunteer' | 'school' | 'coordinator';

/** How the caller relates to the session; a session beyond their reach looks missing. */
function rolesOn(principal: Principal, s: LoadedSession): Set<Role> {
	const roles = new Set<Role>();
	if (principal.volunteerId && s.volunteers.some((v) => v.volunteerId === principal.volunteerId)) roles.add('volunteer');
	if (can(principal, 'record.confirm', s.org.path)) roles.add('school');
	if (can(principal, 'record.correct', s.org.path)) roles.add('coordinator');
	return roles;
}

async function sessionFor(ctx: AuthedContext, sessionId: string, allowed: Role[]) {
	const s = await loadSession(ctx.db, sessionId);
	const roles = s ? rolesOn(ctx.principal, s) : new Set<Role>();
	if (!s || !allowed.some((r) => roles.has(r))) throw new TRPCError({ code: 'NOT_FOUND', message: 'sessionId: no such session' });
	return { s, roles };
}

const recordView = (r: NonNullable<LoadedSession['record']>) => ({
	outcome: r.outcome,
	minutes: r.minutes,
	pupils: r.pupils,
	parents: r.parents,
	teachers: r.teachers,
	note: r.note,
	notHeldReason: r.notHeldReason,
	substituteName: r.substituteName,
	approval: r.approval,
	locked: r.locked,
	objection: r.objection
});

/** The part of the tree a report covers: the chosen organisation, or the caller's single root. */
async function reportScope(ctx: AuthedContext, scopeOrgId: string | undefined) {
	if (scopeOrgId) return (await requireOrgPermission(ctx, 'report.view', scopeOrgId)).path;
	const roots = scopeRoots(ctx.principal, 'report.view');
	if (roots.length !== 1)
		throw new TRPCError({
			code: roots.length ? 'BAD_REQUEST' : 'FORBIDDEN',
			message: roots.length ? 'scopeOrgId: choose one' : 'not allowed: report.view'
		});
	return roots[0];
}

async function reportOf(ctx: AuthedContext, input: { scopeOrgId?: string; from: string; to: string }) {
	const scopePath = await reportScope(ctx, input.scopeOrgId);
	const now = new Date();
	const report = await buildReport(ctx.db, scopePath, { from: input.from, to: input.to }, now);
	const ids = [...new Set([...report.breakdowns.district, ...report.breakdowns.school].map((r) => r.key).filter((k): k is string => !!k))];
	const scopeId = scopePath.split('/').filter(Boolean).at(-1)!;
	const orgs = await ctx.db.organization.findMany({ where: { id: { in: [...ids, scopeId] } }, select: { id: true, name: true } });
	return {
		...report,
		scopePath,
		scopeOrgId: scopeId,
		orgNames: Object.fromEntries(orgs.map((o) => [o.id, o.name])) as Record<string, string>
	};
}

async function shortlistOf(ctx: AuthedContext, input: { scopeOrgId?: string; from: string; to: string }) {
	const scopePath = await reportScope(ctx, input.scopeOrgId);
	const period = { from: input.from, to: input.to };
	const now = new Date();
	const thresholds = await settingsFor(ctx.db, scopePath);
	const [volunteers, schools] = await Promise.all([
		volunteerShortlist(ctx.db, scopePath, period, now, thresholds),
		schoolShortlist(ctx.db, scopePath, period, now)
	]);
	return { thresholds, volunteers, schools };
}

/** The records behind a figure: session, school, kind, outcome and counts — never pupils. */
async function drillRecords(
	ctx: AuthedContext,
	input: {
		scopeOrgId?: string;
		from: string;
		to: string;
		dimension?: (typeof drillInput)['_output']['dimension'];
		key?: string | null;
		take: number;
	}
) {
	const scopePath = await reportScope(ctx, input.scopeOrgId);
	const where = reportWhere(
		scopePath,
		{ from: input.from, to: input.to },
		new Date(),
		input.dimension ? { dimension: input.dimension, key: input.key ?? null } : undefined
	);
	const rows = await ctx.db.sessionRecord.findMany({
		where,
		orderBy: [{ heldAt: 'asc' }, { sessionId: 'asc' }],
		take: input.take,
		select: {
			sessionId: true,
			heldAt: true,
			kind: true,
			topic: true,
			outcome: true,
			minutes: true,
			pupils: true,
			parents: true,
			teachers: true,
			approval: true,
			volunteerCategory: true,
			session: {
				select: {
					org: { select: { name: true } },
					demand: { select: { title: true } },
					volunteers: { select: { volunteer: { select: { name: true } } } }
				}
			},
			evaluation: { select: { score: true } }
		}
	});
	return rows.map((r) => ({
		sessionId: r.sessionId,
		heldAt: r.heldAt,
		school: r.session.org.name,
		title: r.session.demand.title,
		volunteers: r.session.volunteers.map((v) => v.volunteer.name).join('、'),
		kind: r.kind,
		topic: r.topic,
		category: r.volunteerCategory,
		outcome: r.outcome,
		minutes: r.minutes,
		reached: r.pupils + r.parents + r.teachers,
		approval: r.approval,
		score: r.evaluation?.score ?? null
	}));
}

export const recordsRouter = router({
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

	confirm: authedProcedure.input(confirmInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['school']);
		if (!s.record) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: nothing recorded yet' });
		if (s.record.outcome === 'not_held')
			throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: a session not held has nothing to evaluate' });
		if (s.record.evaluation) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: already evaluated' });
		const score = (input.content + input.delivery + input.engagement) / 3;
		const now = new Date();
		await ctx.db.$transaction(async (tx) => {
			await tx.sessionRecord.update({
				where: { sessionId: s.id },
				data: { approval: 'confirmed', confirmedAt: now, confirmedById: ctx.user.id, locked: true, objection: null, score }
			});
			await tx.evaluation.create({
				data: {
					sessionId: s.id,
					content: input.content,
					delivery: input.delivery,
					engagement: input.engagement,
					score,
					comment: input.comment,
					authorId: ctx.user.id
				}
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: s.id,
				action: 'confirm',
				after: { ...input, score }
			});
		});
		emitLive({ type: 'sessions.changed', sessionIds: [s.id] });
		return { ok: true };
	}),

	/** The school disputes a record; its hours stop counting until a coordinator corrects it. */
	object: authedProcedure.input(objectInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['school']);
		if (!s.record || s.record.locked) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: no open record to object to' });
		await ctx.db.$transaction(async (tx) => {
			await tx.sessionRecord.update({ where: { sessionId: s.id }, data: { approval: 'disputed', objection: input.objection } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: s.id,
				action: 'object',
				after: { objection: input.objection }
			});
		});
		return { ok: true };
	}),

	correct: authedProcedure.input(correctInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['coordinator']);
		if (!s.record) throw new TRPCError({ code: 'CONFLICT', message: 'sessionId: nothing recorded yet' });
		const { sessionId, reason, ...changes } = input;
		const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
		if (!Object.keys(fields).length) throw new TRPCError({ code: 'BAD_REQUEST', message: 'minutes: nothing to correct' });
		await ctx.db.$transaction(async (tx) => {
			// A corrected record is settled: it counts, and stays locked.
			await tx.sessionRecord.update({
				where: { sessionId },
				data: { ...fields, approval: 'confirmed', locked: true, correctionCount: { increment: 1 } }
			});
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'SessionRecord',
				entityId: sessionId,
				action: 'correct',
				before: recordView(s.record!),
				after: { ...fields, reason }
			});
		});
		return { ok: true };
	}),

	observe: authedProcedure.input(observeInput).mutation(async ({ ctx, input }) => {
		const { s } = await sessionFor(ctx, input.sessionId, ['coordinator']);
		await ctx.db.$transaction(async (tx) => {
			const o = await tx.observation.create({ data: { sessionId: s.id, authorId: ctx.user.id, rating: input.rating, note: input.note } });
			await recordAudit(tx, {
				actorId: ctx.user.id,
				orgId: s.org.id,
				entity: 'Observation',
				entityId: o.id,
				action: 'create',
				after: input
			});
		});
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
	}),

	settings: authedProcedure.input(settingsInput.pick({ orgId: true })).query(async ({ ctx, input }) => {
		const org = await requireOrgPermission(ctx, 'report.view', input.orgId);
		return { ...(await settingsFor(ctx.db, org.path)), orgId: org.id, canEdit: can(ctx.principal, 'org.manage', org.path) };
	}),

	saveSettings: authedProcedure.input(settingsInput).mutation(async ({ ctx, input }) => {
		await requireOrgPermission(ctx, 'org.manage', input.orgId);
		const { orgId, ...values } = input;
		await ctx.db.$transaction(async (tx) => {
			await tx.recordSettings.upsert({ where: { orgId }, update: values, create: input });
			await recordAudit(tx, { actorId: ctx.user.id, orgId, entity: 'RecordSettings', entityId: orgId, action: 'update', after: values });
		});
		return { ok: true };
	})
});

export const reportsRouter = router({
	summary: authedProcedure.input(reportInput).query(({ ctx, input }) => reportOf(ctx, input)),
	records: authedProcedure.input(drillInput).query(({ ctx, input }) => drillRecords(ctx, input)),
	shortlist: authedProcedure.input(reportInput).query(({ ctx, input }) => shortlistOf(ctx, input)),
	/** The organisations the caller may choose as a report's scope. */
	scopes: authedProcedure.query(async ({ ctx }) => {
		const roots = scopeRoots(ctx.principal, 'report.view');
		if (!roots.length) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: report.view' });
		return ctx.db.organization.findMany({
			where: { OR: roots.map((r) => ({ path: { startsWith: r } })), level: { in: ['city', 'district', 'school'] } },
			select: { id: true, name: true, level: true, path: true },
			orderBy: [{ path: 'asc' }],
			take: 500
		});
	}),
	export: authedProcedure.input(reportInput).query(async ({ ctx, input }) => {
		const [report, records] = await Promise.all([reportOf(ctx, input), drillRecords(ctx, { ...input, take: 100_000 })]);
		return reportWorkbook(report, records, ctx.locale);
	}),
	exportShortlist: authedProcedure
		.input(reportInput)
		.query(async ({ ctx, input }) => shortlistWorkbook(await shortlistOf(ctx, input), input, ctx.locale))
});
