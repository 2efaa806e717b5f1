// The baseline: a greedy earliest-slot scheduler. Fixed sessions first, then every session
// (a series whole) in the instance's order at its earliest start that fits, never revisited.
// It uses the engine's timetable for the constraint checks, so the two differ in search only.
import { formatStart } from '../src/lib/features/scheduling/engine/calendar';
import { buildModel } from '../src/lib/features/scheduling/engine/model';
import { Search } from '../src/lib/features/scheduling/engine/search';
import type { Placement, SchedulingInstance } from '../src/lib/features/scheduling/engine/types';

export function greedySchedule(instance: SchedulingInstance): Placement[] {
	const model = buildModel(instance);
	const search = new Search(model);
	model.fixed.forEach((f, s) => {
		if (f) search.tt.place(s, model.candidates[s].order[0]);
	});
	model.units.forEach((_, u) => {
		if (!search.isPlaced(u)) search.placeUnit(u);
	});
	const tt = search.tt;
	return instance.sessions.flatMap((s, i) =>
		tt.chosen[i] >= 0 ? [{ session: s.id, start: formatStart(model.firstDay + tt.day(i), tt.start(i)) }] : []
	);
}
