// Reports over a part of the tree (report.view): the summary, the records behind a figure, the shortlists and their workbooks.
import { TRPCError } from '@trpc/server';
import { scopeRoots } from '$lib/server/auth/authorize';
import { authedProcedure, requireOrgPermission, type AuthedContext } from '$lib/server/trpc/init';
import { buildReport, reportWhere, schoolShortlist, volunteerShortlist } from '../report';
import { reportWorkbook, shortlistWorkbook } from '../export';
import { drillInput, reportInput } from '../schemas';
import { settingsFor } from './settings';

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

export const reportProcedures = {
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
};
