// What each role's home page says to do next, computed from the same scoped queries the
// lists use: a volunteer's next session and open invitations, a school's week, a
// coordinator's to-do counts, a leader's term figures.
import { orgScope, scopeRoots } from '$lib/server/auth/authorize';
import { authedProcedure, router } from '$lib/server/trpc/init';
import { fromWallClock, today, weekAround } from '$lib/domain/dates';
import { boardConflicts } from '$lib/features/board/publish';
import { findVisibleSessions } from '$lib/features/calendar/sessions';
import type { Db, Prisma } from '$lib/server/db';

const DAY = 86_400_000;

export const homeRouter = router({
	overview: authedProcedure.query(async ({ ctx }) => {
		const now = new Date();
		const p = ctx.principal;
		const week = weekAround(now);
		const out: {
			volunteer?: {
				next: Awaited<ReturnType<typeof findVisibleSessions>>[number] | null;
				contact: string | null;
				invitations: { assignmentId: string; title: string; schoolName: string }[];
			};
			school?: { week: Awaited<ReturnType<typeof findVisibleSessions>>; toConfirm: number; needsWithoutVolunteer: number };
			coordinator?: {
				leave: number;
				unanswered: number;
				declines: number;
				unscheduled: number;
				conflicts: number;
				/** The board to open: the one round with conflicts, else the list of boards. */
				conflictsHref: string;
			};
			leader?: {
				held: number;
				hours: number;
				reached: number;
				byDistrict: { name: string; held: number; hours: number; reached: number }[];
				week: Awaited<ReturnType<typeof findVisibleSessions>>;
			};
		} = {};

		if (p.volunteerId) {
			const own = { ...p, grants: [] };
			const upcoming = await findVisibleSessions(ctx.db, own, { from: now, to: new Date(now.getTime() + 120 * DAY) });
			const next = upcoming.find((s) => ['planned', 'accepted', 'confirmed'].includes(s.status)) ?? null;
			const contact = next
				? await ctx.db.membership.findFirst({
						where: { orgId: next.schoolId, role: 'school', active: true },
						select: { user: { select: { displayName: true, phone: true } } }
					})
				: null;
			const invitations = await ctx.db.assignment.findMany({
				where: { volunteerId: p.volunteerId, state: 'invited' },
				select: { id: true, demand: { select: { title: true, org: { select: { name: true } } } } },
				take: 20
			});
			out.volunteer = {
				next,
				contact: contact ? [contact.user.displayName, contact.user.phone].filter(Boolean).join(' ') : null,
				invitations: invitations.map((a) => ({ assignmentId: a.id, title: a.demand.title, schoolName: a.demand.org.name }))
			};
		}

		const schoolRoots = p.grants.filter((g) => g.role === 'school');
		if (schoolRoots.length) {
			const schoolOnly = { ...p, volunteerId: null, grants: schoolRoots };
			const orgs = { OR: schoolRoots.map((g) => ({ path: { startsWith: g.path } })) };
			const [weekSessions, toConfirm, needsWithoutVolunteer] = await Promise.all([
				findVisibleSessions(ctx.db, schoolOnly, week),
				ctx.db.scheduledSession.count({ where: { org: orgs, status: 'accepted' } }),
				ctx.db.demand.count({
					where: { org: orgs, status: 'open', assignments: { none: { state: { in: ['invited', 'accepted', 'confirmed'] } } } }
				})
			]);
			out.school = { week: weekSessions, toConfirm, needsWithoutVolunteer };
		}

		if (scopeRoots(p, 'round.manage').length) {
			const inScope = { org: orgScope(p, 'round.manage') };
			const [leave, unanswered, declines, unscheduled, conflicts] = await Promise.all([
				ctx.db.leave.count({ where: { status: 'pending', volunteer: { org: orgScope(p, 'leave.approve') } } }),
				ctx.db.assignment.count({ where: { state: 'invited', updatedAt: { lt: new Date(now.getTime() - 3 * DAY) }, round: inScope } }),
				ctx.db.assignment.count({ where: { state: 'declined', round: { ...inScope, status: { not: 'closed' } } } }),
				ctx.db.scheduledSession.count({ where: { status: 'unscheduled', round: inScope } }),
				countBoardConflicts(ctx.db, orgScope(p, 'round.manage'))
			]);
			out.coordinator = { leave, unanswered, declines, unscheduled, ...conflicts };
		}

		if (p.grants.some((g) => g.role === 'leader' || g.role === 'coordinator' || g.role === 'admin')) {
			const termFrom = termStart(now);
			const held = await ctx.db.scheduledSession.findMany({
				where: { status: 'held', startsAt: { gte: termFrom, lte: now }, org: orgScope(p, 'report.view') },
				select: {
					startsAt: true,
					endsAt: true,
					org: { select: { districtId: true } },
					demand: { select: { audienceSize: true } },
					feedback: { select: { peopleReached: true } }
				}
			});
			const districts = new Map(
				(
					await ctx.db.organization.findMany({
						where: { level: 'district', ...orgScope(p, 'report.view') },
						select: { id: true, name: true }
					})
				).map((d) => [d.id, d.name])
			);
			const by = new Map<string, { name: string; held: number; hours: number; reached: number }>();
			let hours = 0;
			let reached = 0;
			for (const s of held) {
				const h = s.endsAt && s.startsAt ? (s.endsAt.getTime() - s.startsAt.getTime()) / 3_600_000 : 0;
				const people = Math.max(0, ...s.feedback.map((f) => f.peopleReached ?? 0)) || s.demand.audienceSize;
				hours += h;
				reached += people;
				const key = s.org.districtId ?? '';
				const row = by.get(key) ?? { name: districts.get(key) ?? '—', held: 0, hours: 0, reached: 0 };
				row.held++;
				row.hours += h;
				row.reached += people;
				by.set(key, row);
			}
			out.leader = {
				held: held.length,
				hours: Math.round(hours * 10) / 10,
				reached,
				byDistrict: [...by.values()].map((r) => ({ ...r, hours: Math.round(r.hours * 10) / 10 })).sort((a, b) => b.held - a.held),
				week: await findVisibleSessions(ctx.db, { ...p, volunteerId: null }, week)
			};
		}
		return out;
	})
});

/** The spring term starts on 1 February, the autumn term on 1 September (Shanghai dates). */
function termStart(now: Date): Date {
	const [y, month] = today(now).split('-').map(Number);
	const start = month >= 9 ? `${y}-09-01` : month >= 2 ? `${y}-02-01` : `${y - 1}-09-01`;
	return fromWallClock(start, 0);
}

/** Conflicts on the open rounds' boards, by the board's own rules (the check publishing applies). */
async function countBoardConflicts(db: Db, org: Prisma.OrganizationWhereInput): Promise<{ conflicts: number; conflictsHref: string }> {
	const rounds = await db.matchingRound.findMany({ where: { org, status: { not: 'closed' } }, select: { id: true } });
	const counts = await Promise.all(rounds.map(async (r) => ({ id: r.id, count: (await boardConflicts(db, r.id)).length })));
	const withConflicts = counts.filter((c) => c.count > 0);
	return {
		conflicts: withConflicts.reduce((sum, c) => sum + c.count, 0),
		conflictsHref: withConflicts.length === 1 ? `/board/${withConflicts[0].id}` : '/board'
	};
}
