// Publishing turns the board's placements into invitations. The server re-checks every
// placement against the database with the same rules the browsers show, inside one
// transaction that holds the round's lock, so two coordinators publishing at once can
// never double-book a volunteer or exceed a capacity. All or nothing: if any placement
// fails, nothing is written and every failure is returned.
import type { Db } from '$lib/server/db';
import { recordAudit } from '$lib/server/audit';
import { withRoundLock } from '$lib/server/db/round-lock';
import { placementsOf, type Placement } from './doc';
import { loadBoardDoc } from './load-doc';
import { computeConflicts, type Conflict, type RuleContext, type RuleVolunteer } from './rules';
import { loadBoardRecords } from './records';
import { boardDocName } from './schemas';
import type { BoardDemand } from './view-model';

export interface PublishResult {
	ok: boolean;
	invited: number;
	cancelled: number;
	unchanged: number;
	failures: Conflict[];
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function ruleContextFor(tx: Tx, roundId: string): Promise<RuleContext> {
	const round = await tx.matchingRound.findUniqueOrThrow({ where: { id: roundId }, include: { org: { select: { path: true } } } });
	const [{ demands, volunteers }, travelRows] = await Promise.all([
		loadBoardRecords(tx, round),
		tx.travelTime.findMany({ select: { fromId: true, toId: true, minutes: true } })
	]);
	const travel: Record<string, Record<string, number>> = {};
	for (const t of travelRows) (travel[t.fromId] ??= {})[t.toId] = t.minutes;
	return {
		round,
		demands: new Map<string, BoardDemand>(demands.map((d) => [d.id, d])),
		volunteers: new Map<string, RuleVolunteer>(volunteers.map((v) => [v.id, v])),
		travel
	};
}

/** Publishing's check of the board (or of the needs in scope) as it stands: every failure it would report. */
async function checkBoard(tx: Tx, roundId: string, inScope: (demandId: string) => boolean) {
	const doc = await loadBoardDoc(tx, boardDocName(roundId));
	const ctx = await ruleContextFor(tx, roundId);
	const onBoard = [...placementsOf(doc).values()];
	const unknown: Conflict[] = [];
	const placements: Placement[] = [];
	for (const p of onBoard) {
		if (!ctx.demands.has(p.demandId) || !ctx.volunteers.has(p.volunteerId)) {
			if (inScope(p.demandId)) unknown.push({ code: 'ineligible', demandId: p.demandId, volunteerId: p.volunteerId, reasons: [] });
			continue;
		}
		placements.push(p);
	}

	// Published placements outside this scope still count toward capacity and clashes.
	// Bookings (约课) are not on the board and never withdrawn by publishing; they count through capacity.
	const active = await tx.assignment.findMany({
		where: { roundId, booked: false, state: { in: ['invited', 'accepted', 'confirmed'] } },
		select: { id: true, demandId: true, volunteerId: true, createdAt: true }
	});
	const onBoardKeys = new Set(placements.map((p) => `${p.demandId}|${p.volunteerId}`));
	const outside: Placement[] = active
		.filter((a) => !inScope(a.demandId) && !onBoardKeys.has(`${a.demandId}|${a.volunteerId}`))
		.map((a) => ({ demandId: a.demandId, volunteerId: a.volunteerId, byId: '', byName: '', at: a.createdAt.getTime(), pinned: true }));
	const failures = [...unknown, ...computeConflicts(ctx, [...outside, ...placements]).filter((c) => inScope(c.demandId))];
	return { ctx, placements, active, onBoardKeys, failures };
}

/** The conflicts on a round's board now: what publishing the whole board would refuse. */
export async function boardConflicts(db: Tx, roundId: string): Promise<Conflict[]> {
	return (await checkBoard(db, roundId, () => true)).failures;
}

export async function publishRound(db: Db, input: { roundId: string; demandIds?: string[]; actorId: string }): Promise<PublishResult> {
	return withRoundLock(db, input.roundId, async (tx) => {
		const scope = input.demandIds ? new Set(input.demandIds) : null;
		const inScope = (demandId: string) => !scope || scope.has(demandId);
		const { ctx, placements, active, onBoardKeys, failures } = await checkBoard(tx, input.roundId, inScope);
		if (failures.length) return { ok: false, invited: 0, cancelled: 0, unchanged: 0, failures };

		let invited = 0;
		let unchanged = 0;
		const existing = new Map(active.map((a) => [`${a.demandId}|${a.volunteerId}`, a]));
		for (const p of placements.filter((x) => inScope(x.demandId))) {
			if (existing.has(`${p.demandId}|${p.volunteerId}`)) {
				unchanged++;
				continue;
			}
			await tx.assignment.upsert({
				where: { demandId_volunteerId: { demandId: p.demandId, volunteerId: p.volunteerId } },
				create: {
					roundId: input.roundId,
					demandId: p.demandId,
					volunteerId: p.volunteerId,
					state: 'invited',
					pinned: p.pinned,
					createdById: input.actorId,
					updatedById: input.actorId
				},
				update: { state: 'invited', pinned: p.pinned, updatedById: input.actorId, declineReason: null, respondedAt: null }
			});
			invited++;
		}
		const withdrawn = active.filter((a) => inScope(a.demandId) && !onBoardKeys.has(`${a.demandId}|${a.volunteerId}`));
		if (withdrawn.length) {
			await tx.assignment.updateMany({
				where: { id: { in: withdrawn.map((a) => a.id) } },
				data: { state: 'cancelled', updatedById: input.actorId }
			});
		}
		const placedCount = new Map<string, number>();
		for (const p of placements) placedCount.set(p.demandId, (placedCount.get(p.demandId) ?? 0) + 1);
		const filled = [...ctx.demands.values()].filter((d) => inScope(d.id) && (placedCount.get(d.id) ?? 0) >= d.seats).map((d) => d.id);
		if (filled.length) await tx.demand.updateMany({ where: { id: { in: filled }, status: 'open' }, data: { status: 'matched' } });

		const round = await tx.matchingRound.findUniqueOrThrow({ where: { id: input.roundId }, select: { orgId: true } });
		await recordAudit(tx, {
			actorId: input.actorId,
			orgId: round.orgId,
			entity: 'round',
			entityId: input.roundId,
			action: 'publish',
			after: { invited, cancelled: withdrawn.length, unchanged, demandIds: input.demandIds ?? 'all' }
		});
		return { ok: true, invited, cancelled: withdrawn.length, unchanged, failures: [] };
	});
}
