// `schedule`: instance in, timetable out (placements, unscheduled, cost, and why each
// left-out session was left out). The fixed starts are first checked alone by the
// independent checker; the finished timetable is checked by it again before it is returned.
import { formatStart } from './calendar';
import { checkPlacements, costOf } from './check';
import { InfeasibleFixedError } from './errors';
import { explainUnscheduled } from './explain';
import { buildModel } from './model';
import { Search } from './search';
import type { Placement, ScheduleOptions, ScheduleOutcome, SchedulingInstance, UnscheduledExplanation, Violation } from './types';

function refuse(instance: SchedulingInstance, violations: readonly Violation[]): never {
	const fixed = new Set(instance.fixed.map((f) => f.session));
	const involved = new Set(violations.flatMap((v) => v.sessions).filter((id) => fixed.has(id)));
	throw new InfeasibleFixedError(
		instance.sessions.map((s) => s.id).filter((id) => involved.has(id)),
		violations
	);
}

/** Refuses the instance if its fixed starts alone break a hard constraint. */
function refuseFixedClashes(instance: SchedulingInstance): void {
	// A series is whole only once the engine completes it; among fixed starts alone, that rule waits.
	const clashes = checkPlacements(instance, instance.fixed).filter((v) => v.rule !== 'series_incomplete');
	if (clashes.length) refuse(instance, clashes);
}

/**
 * Schedules the instance; deterministic (same input, same output). Throws
 * `InfeasibleFixedError` when the fixed starts alone break a hard constraint, or when a
 * series holding a fixed session cannot be completed around it.
 */
export function schedule(instance: SchedulingInstance, options: ScheduleOptions = {}): ScheduleOutcome {
	const started = performance.now();
	const model = buildModel(instance);
	// The fixed starts alone are checked only when something points at them (a fixed start
	// without a candidate, a locked series that cannot be completed, a clash in the finished
	// timetable): a re-plan fixes thousands of published sessions, and checking them costs
	// as much again as checking the whole timetable, which happens anyway.
	if (model.fixed.some((f, s) => f && !model.candidates[s].order.length)) refuseFixedClashes(instance);
	const search = new Search(model);
	const incomplete = search.construct();
	if (search.fixedClash) refuseFixedClashes(instance);
	if (incomplete.length) {
		refuseFixedClashes(instance);
		refuse(
			instance,
			incomplete.map((u) => {
				const ids = model.units[u].sessions.map((s) => instance.sessions[s].id);
				return {
					constraint: 7,
					rule: 'series_incomplete',
					sessions: ids,
					reason: `series ${ids.join(', ')} holds a fixed session but cannot be placed whole around it`
				};
			})
		);
	}
	search.improve(options.effort ?? 1);

	// The solver's timetable must pass the independent checker; were a bug ever to let a
	// clash through, the unlocked units involved are left out rather than returned broken.
	// Fixed starts among themselves were checked as they were placed (and by the checker
	// when they clashed), so the checker looks only at what involves a session the engine
	// dated: in a re-plan that is a few sessions, not the whole timetable.
	const tt = search.tt;
	const touching = model.fixed.includes(1) ? new Set(instance.sessions.filter((_, i) => !model.fixed[i]).map((s) => s.id)) : undefined;
	const placementsOf = () =>
		instance.sessions.flatMap((s, i): Placement[] =>
			tt.chosen[i] >= 0 ? [{ session: s.id, start: formatStart(model.firstDay + tt.day(i), tt.start(i)) }] : []
		);
	let placements = placementsOf();
	const index = new Map(instance.sessions.map((s, i) => [s.id, i]));
	const check = () => checkPlacements(instance, placements, { touching });
	for (let violations = check(); violations.length; violations = check()) {
		if (violations.some((v) => v.sessions.some((id) => model.fixed[index.get(id)!]))) refuseFixedClashes(instance);
		const units = new Set(
			violations.flatMap((v) => v.sessions.map((id) => model.unitOf[index.get(id)!])).filter((u) => !model.units[u].locked)
		);
		if (!units.size) refuse(instance, violations);
		for (const u of units) search.removeUnit(u);
		placements = placementsOf();
	}

	const unscheduled: string[] = [];
	const explanations: Record<string, UnscheduledExplanation> = {};
	instance.sessions.forEach((s, i) => {
		if (tt.chosen[i] >= 0) return;
		unscheduled.push(s.id);
		explanations[s.id] = explainUnscheduled(model, tt, i);
	});
	return { placements, unscheduled, cost: costOf(instance, placements), elapsedMs: performance.now() - started, explanations };
}
