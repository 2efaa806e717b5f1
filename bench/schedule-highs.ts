// The exact optimum of a scheduling instance from HiGHS: a time-indexed MIP over every
// session's (day, start) candidates. Shared by the engine's tests and `bench:schedule`.
// Candidates (constraints 1-3 and the cost of each start) come from the engine's model; the
// constraints between sessions (4-7) are written here afresh, as linear rows:
//   per session   sum_c x[s,c] + u[unit] = 1            (fixed sessions: u = 0)
//   per series    day(t) - day(s) + gap * u >= gap        (consecutive sessions)
//   overlap       per (volunteer, day, slot): sessions covering it <= 1
//   travel        per (candidate a, other session t): x[a] + sum of t's candidates too close <= 1
//   rooms         per (school, day, slot): sessions covering it <= rooms
//   weekly cap    per (volunteer, week): sessions <= maxPerWeek
import loadHighs from 'highs';
import { buildModel } from '../src/lib/features/scheduling/engine/model';
import type { SchedulingInstance } from '../src/lib/features/scheduling/engine/types';

export type HighsOutcome =
	| { status: 'optimal'; objective: number; ms: number; columns: number; rows: number }
	| { status: 'timeout'; objective: number | null; bound: number | null; ms: number; columns: number; rows: number }
	| { status: 'failed'; ms: number; detail: string };

const highs = await loadHighs();

interface Mip {
	numCols: number;
	colCost: number[];
	colUpper: number[];
	rows: { lower: number; upper: number; cols: number[]; vals: number[] }[];
}

export function buildScheduleMip(instance: SchedulingInstance): Mip {
	const m = buildModel(instance);
	const slot = instance.horizon.slotMinutes;
	const colCost: number[] = [];
	const colUpper: number[] = [];
	const base: number[] = [];
	m.candidates.forEach((cand) => {
		base.push(colCost.length);
		for (let c = 0; c < cand.day.length; c++) {
			colCost.push(cand.cost[c]);
			colUpper.push(1);
		}
	});
	const unitCol = m.units.map((unit) => {
		colCost.push(unit.penalty);
		colUpper.push(unit.locked ? 0 : 1);
		return colCost.length - 1;
	});
	const rows: Mip['rows'] = [];
	m.candidates.forEach((cand, s) => {
		const cols = Array.from({ length: cand.day.length }, (_, c) => base[s] + c);
		rows.push({ lower: 1, upper: 1, cols: [...cols, unitCol[m.unitOf[s]]], vals: [...cols.map(() => 1), 1] });
	});
	m.units.forEach((unit, u) => {
		for (let k = 1; k < unit.sessions.length; k++) {
			const [s, t] = [unit.sessions[k - 1], unit.sessions[k]];
			const cols: number[] = [];
			const vals: number[] = [];
			m.candidates[t].day.forEach((d, c) => (cols.push(base[t] + c), vals.push(d)));
			m.candidates[s].day.forEach((d, c) => (cols.push(base[s] + c), vals.push(-d)));
			rows.push({ lower: unit.gap, upper: Infinity, cols: [...cols, unitCol[u]], vals: [...vals, unit.gap] });
		}
	});
	// Group columns by a key; each group's distinct sessions decide whether the row can bind.
	const groups = (key: (s: number, c: number) => string[]) => {
		const map = new Map<string, { cols: number[]; sessions: Set<number> }>();
		m.candidates.forEach((cand, s) => {
			for (let c = 0; c < cand.day.length; c++)
				for (const k of key(s, c)) {
					const g = map.get(k) ?? { cols: [], sessions: new Set() };
					g.cols.push(base[s] + c);
					g.sessions.add(s);
					map.set(k, g);
				}
		});
		return map;
	};
	const slotsOf = (s: number, c: number) => {
		const from = m.candidates[s].minute[c] / slot;
		return Array.from({ length: m.minutes[s] / slot }, (_, i) => from + i);
	};
	for (const g of groups((s, c) =>
		Array.from(m.volunteersOf[s]).flatMap((v) => slotsOf(s, c).map((t) => `${v} ${m.candidates[s].day[c]} ${t}`))
	).values())
		if (g.sessions.size > 1) rows.push({ lower: -Infinity, upper: 1, cols: g.cols, vals: g.cols.map(() => 1) });
	for (const [k, g] of groups((s, c) => slotsOf(s, c).map((t) => `${m.schoolOf[s]} ${m.candidates[s].day[c]} ${t}`))) {
		const rooms = m.rooms[Number(k.split(' ')[0])];
		if (g.sessions.size > rooms) rows.push({ lower: -Infinity, upper: rooms, cols: g.cols, vals: g.cols.map(() => 1) });
	}
	for (const [k, g] of groups((s, c) => Array.from(m.volunteersOf[s]).map((v) => `${v} ${m.weekOfDay[m.candidates[s].day[c]]}`))) {
		const max = m.maxPerWeek[Number(k.split(' ')[0])];
		if (g.sessions.size > max) rows.push({ lower: -Infinity, upper: max, cols: g.cols, vals: g.cols.map(() => 1) });
	}
	// Travel: offline candidates of one volunteer on one day that do not overlap but leave too little time.
	const offlineByVolunteerDay = groups((s, c) =>
		m.offline[s] ? Array.from(m.volunteersOf[s]).map((v) => `${v} ${m.candidates[s].day[c]}`) : []
	);
	const sessionOfCol = new Int32Array(colCost.length);
	const candOfCol = new Int32Array(colCost.length);
	m.candidates.forEach((cand, s) => cand.day.forEach((_, c) => ((sessionOfCol[base[s] + c] = s), (candOfCol[base[s] + c] = c))));
	const tooClose = (a: number, b: number) => {
		const [s, t] = [sessionOfCol[a], sessionOfCol[b]];
		const aFrom = m.candidates[s].minute[candOfCol[a]];
		const bFrom = m.candidates[t].minute[candOfCol[b]];
		const aTo = aFrom + m.minutes[s];
		const bTo = bFrom + m.minutes[t];
		if (aFrom < bTo && bFrom < aTo) return false; // an overlap: the slot rows forbid it
		return aTo <= bFrom
			? bFrom - aTo < m.travel[m.districtOf[s]][m.districtOf[t]]
			: aFrom - bTo < m.travel[m.districtOf[t]][m.districtOf[s]];
	};
	const travelRows = new Set<string>();
	for (const g of offlineByVolunteerDay.values()) {
		if (g.sessions.size < 2) continue;
		for (const a of g.cols) {
			const byOther = new Map<number, number[]>();
			for (const b of g.cols)
				if (sessionOfCol[b] !== sessionOfCol[a] && tooClose(a, b))
					byOther.set(sessionOfCol[b], [...(byOther.get(sessionOfCol[b]) ?? []), b]);
			for (const cols of byOther.values()) {
				const key = [a, ...cols].join();
				if (travelRows.has(key)) continue;
				travelRows.add(key);
				rows.push({ lower: -Infinity, upper: 1, cols: [a, ...cols], vals: [a, ...cols].map(() => 1) });
			}
		}
	}
	return { numCols: colCost.length, colCost, colUpper, rows };
}

/** Solves to proven optimality (integer costs: an absolute gap below 1) or the time limit. */
export function highsOptimum(instance: SchedulingInstance, timeLimitSeconds: number): HighsOutcome {
	const started = performance.now();
	try {
		const mip = buildScheduleMip(instance);
		const numRows = mip.rows.length;
		// Column-major (CSC) from the row lists.
		const counts = new Int32Array(mip.numCols + 1);
		for (const r of mip.rows) for (const c of r.cols) counts[c + 1]++;
		for (let c = 0; c < mip.numCols; c++) counts[c + 1] += counts[c];
		const starts = Int32Array.from(counts);
		const fill = Int32Array.from(counts);
		const indices = new Int32Array(counts[mip.numCols]);
		const values = new Float64Array(counts[mip.numCols]);
		mip.rows.forEach((r, i) =>
			r.cols.forEach((c, j) => {
				indices[fill[c]] = i;
				values[fill[c]++] = r.vals[j];
			})
		);
		const model = {
			numCols: mip.numCols,
			numRows,
			colCost: Float64Array.from(mip.colCost),
			colLower: new Float64Array(mip.numCols),
			colUpper: Float64Array.from(mip.colUpper),
			rowLower: Float64Array.from(mip.rows, (r) => (r.lower === -Infinity ? -highs.infinity : r.lower)),
			rowUpper: Float64Array.from(mip.rows, (r) => (r.upper === Infinity ? highs.infinity : r.upper)),
			matrix: { format: 'csc' as const, numRows, numCols: mip.numCols, starts, indices, values },
			integrality: new Int32Array(mip.numCols).fill(highs.constants.variableType.integer),
			sense: highs.constants.objectiveSense.minimize
		};
		return highs.withModel(model, (solver): HighsOutcome => {
			solver.options.set({ output_flag: false, time_limit: timeLimitSeconds, mip_rel_gap: 0, mip_abs_gap: 0.99 });
			solver.run();
			const status = solver.getModelStatus();
			const ms = performance.now() - started;
			const size = { columns: mip.numCols, rows: numRows };
			if (status === highs.constants.modelStatus.optimal)
				return { status: 'optimal', objective: Math.round(solver.getObjectiveValue()), ms, ...size };
			if (status === highs.constants.modelStatus.timeLimit) {
				const info = (name: string) => {
					try {
						return Number(solver.info.get(name));
					} catch {
						return NaN;
					}
				};
				const bound = info('mip_dual_bound');
				const objective = info('objective_function_value');
				const finite = (x: number) => (Number.isFinite(x) && Math.abs(x) < 1e30 ? Math.round(x) : null);
				return { status: 'timeout', objective: finite(objective), bound: finite(bound), ms, ...size };
			}
			return { status: 'failed', ms, detail: `model status ${status}` };
		});
	} catch (e) {
		return { status: 'failed', ms: performance.now() - started, detail: (e as Error).message };
	}
}
