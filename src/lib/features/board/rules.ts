// The board's live conflict rules. This one module runs in every coordinator's browser
// (badges on cards as soon as a placement breaks a rule) and on the server (publishing
// re-checks placements with it), so the two can never disagree.
import { assessPair } from '$lib/features/matching/eligibility';
import type { Placement } from './doc';
import { boardCapacity, boardMinutes, demandFromBoard, volunteerFromBoard } from '$lib/features/matching/board-adapter';
import type { BoardDemand, BoardVolunteer } from './view-model';

export type IneligibleReason = 'topic' | 'mode' | 'travel' | 'language';

export type Conflict =
	| { code: 'over_capacity'; demandId: string; volunteerId: string; load: number; capacity: number }
	| { code: 'on_leave'; demandId: string; volunteerId: string; from: Date; to: Date }
	| { code: 'ineligible'; demandId: string; volunteerId: string; reasons: IneligibleReason[] }
	| { code: 'overlap'; demandId: string; volunteerId: string; otherDemandId: string }
	| { code: 'overfilled'; demandId: string; placed: number; seats: number };

export interface RuleVolunteer extends BoardVolunteer {
	leaves: { fromDate: Date; toDate: Date }[];
}

export interface RuleContext {
	round: { fromDate: Date; toDate: Date };
	demands: ReadonlyMap<string, BoardDemand>;
	volunteers: ReadonlyMap<string, RuleVolunteer>;
	/** Travel minutes between districts: travel[from][to]. */
	travel: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Why a volunteer cannot serve a need at all: the matching engine's eligibility rules. */
export function ineligibleReasons(ctx: RuleContext, demand: BoardDemand, v: BoardVolunteer): IneligibleReason[] {
	const d = demandFromBoard(demand);
	const assessment = assessPair(d, volunteerFromBoard(v, ctx.round), boardMinutes(ctx.travel, v.homeDistrictId, d.district));
	return assessment.failures.flatMap((f) => (f.rule === 'forbidden' ? [] : [f.rule]));
}

const overlaps = (a: BoardDemand, b: BoardDemand) => a.windowFrom <= b.windowTo && b.windowFrom <= a.windowTo;
const dayNumber = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/**
 * Can each need get its sessions on days of its own window, one engagement a day, on days
 * the volunteer is not on leave? Sessions are unit jobs with a release and a deadline, so
 * earliest-deadline-first over the days decides it exactly.
 */
function fitsOnFreeDays(needs: readonly BoardDemand[], leaves: readonly { fromDate: Date; toDate: Date }[]): boolean {
	const jobs = needs
		.map((n) => ({ from: dayNumber(n.windowFrom), to: dayNumber(n.windowTo), left: Math.max(1, n.sessionCount) }))
		.sort((a, b) => a.from - b.from);
	const away = leaves.map((l) => ({ from: dayNumber(l.fromDate), to: dayNumber(l.toDate) }));
	const pending: typeof jobs = [];
	let next = 0;
	let day = jobs.length ? jobs[0].from : 0;
	while (next < jobs.length || pending.length) {
		if (!pending.length) day = Math.max(day, jobs[next].from);
		while (next < jobs.length && jobs[next].from <= day) pending.push(jobs[next++]);
		pending.sort((a, b) => a.to - b.to);
		if (pending[0].to < day) return false;
		if (!away.some((l) => l.from <= day && day <= l.to) && --pending[0].left === 0) pending.shift();
		day++;
	}
	return true;
}

export function computeConflicts(ctx: RuleContext, placements: Iterable<Placement>): Conflict[] {
	const conflicts: Conflict[] = [];
	const byVolunteer = new Map<string, Placement[]>();
	const byDemand = new Map<string, number>();
	for (const p of placements) {
		const list = byVolunteer.get(p.volunteerId);
		if (list) list.push(p);
		else byVolunteer.set(p.volunteerId, [p]);
		byDemand.set(p.demandId, (byDemand.get(p.demandId) ?? 0) + 1);
	}

	for (const [demandId, placed] of byDemand) {
		const demand = ctx.demands.get(demandId);
		if (demand && placed > demand.seats) conflicts.push({ code: 'overfilled', demandId, placed, seats: demand.seats });
	}

	for (const [volunteerId, list] of byVolunteer) {
		const v = ctx.volunteers.get(volunteerId);
		if (!v) continue;
		const capacity = boardCapacity(v, ctx.round);
		const ordered = [...list].sort((a, b) => a.at - b.at);
		const fitting: BoardDemand[] = [];
		ordered.forEach((p, i) => {
			const demand = ctx.demands.get(p.demandId);
			if (!demand) return;
			if (i >= capacity) conflicts.push({ code: 'over_capacity', demandId: p.demandId, volunteerId, load: list.length, capacity });
			const reasons = ineligibleReasons(ctx, demand, v);
			if (reasons.length) conflicts.push({ code: 'ineligible', demandId: p.demandId, volunteerId, reasons });
			// Leave blocks a need only when it leaves no day of the window free.
			for (const leave of v.leaves) {
				if (leave.fromDate <= demand.windowFrom && leave.toDate >= demand.windowTo) {
					conflicts.push({ code: 'on_leave', demandId: p.demandId, volunteerId, from: leave.fromDate, to: leave.toDate });
					break;
				}
			}
			// A clash with the earlier placements that fit together; a need that cannot fit even
			// alone is a leave or window problem, not a clash.
			const clashing = fitting.filter((o) => overlaps(o, demand));
			if (clashing.length && !fitsOnFreeDays([...fitting, demand], v.leaves) && fitsOnFreeDays([demand], v.leaves)) {
				conflicts.push({ code: 'overlap', demandId: p.demandId, volunteerId, otherDemandId: clashing[0].id });
			} else fitting.push(demand);
		});
	}
	return conflicts;
}

export function conflictsByDemand(conflicts: readonly Conflict[]): Map<string, Conflict[]> {
	const map = new Map<string, Conflict[]>();
	for (const c of conflicts) {
		const list = map.get(c.demandId);
		if (list) list.push(c);
		else map.set(c.demandId, [c]);
	}
	return map;
}
