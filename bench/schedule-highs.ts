// The exact optimum of a scheduling instance from HiGHS: a time-indexed MIP over every
// session's (day, start) candidates. Shared by the engine's tests and `bench:schedule`.
// Candidates (constraints 1-3 and the cost of each start) come from the engine's model; the
// constraints between sessions (4-7) are written here afresh, in shapes whose LP relaxation
// is tight (the slack, big-coefficient rows of a naive model kept HiGHS's presolve busy for
// seconds on 40 sessions and found no feasible point at 400):
//   per session   sum_c x[s,c] + u[unit] = 1                (fixed sessions: u = 0)
//   per series    cumulative precedence: for each day D of the later session t,
//                 P(t by D) <= P(s by D - gap), with continuous running sums per day
//   volunteer     per (volunteer, day): cliques of candidates that pairwise overlap or
//                 leave too little travel time (constraint 4), covering every such pair
//   rooms         per (school, day): with one room, cliques of overlapping candidates;
//                 with more, the load at every start point <= rooms
//   weekly cap    per (volunteer, week): sessions <= maxPerWeek
// Rows that cannot bind (fewer sessions than capacity) are left out, and a candidate of a
// single session is dropped when another of its candidates costs no more and sits in a
// subset of its rows (column dominance: swapping to it never breaks a row), so sessions whose
// cheapest start clashes with nobody collapse to that start.
import loadHighs from 'highs';
import { buildModel } from '../src/lib/features/scheduling/engine/model';
import type { SchedulingInstance } from '../src/lib/features/scheduling/engine/types';

export type HighsOutcome =
	| { status: 'optimal'; objective: number; ms: number; columns: number; rows: number }
	| { status: 'timeout'; objective: number | null; bound: number | null; ms: number; columns: number; rows: number }
	| { status: 'failed'; ms: number; detail: string };

const highs = await loadHighs();

interface Row {
	lower: number;
	upper: number;
	cols: number[];
	vals: number[];
}

interface Mip {
	numCols: number;
	colCost: number[];
	colUpper: number[];
	/** 1 for the binaries, 0 for the running sums of series sessions. */
	integer: number[];
	rows: Row[];
}

/** Rows covering every conflicting pair of `nodes` by cliques (nodes of one session always conflict). */
function cliqueRows(nodes: readonly number[], sessionOf: Int32Array, conflict: (a: number, b: number) => boolean): number[][] {
	const n = nodes.length;
	const adjacent = new Uint8Array(n * n);
	let any = false;
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++) {
			const same = sessionOf[nodes[i]] === sessionOf[nodes[j]];
			if (same || conflict(nodes[i], nodes[j])) {
				adjacent[i * n + j] = adjacent[j * n + i] = same ? 1 : 2;
				if (!same) any = true;
			}
		}
	if (!any) return [];
	const covered = new Uint8Array(n * n);
	const result: number[][] = [];
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++) {
			if (adjacent[i * n + j] !== 2 || covered[i * n + j]) continue;
			const clique = [i, j];
			for (let k = 0; k < n; k++) if (k !== i && k !== j && clique.every((q) => adjacent[q * n + k])) clique.push(k);
			for (const a of clique) for (const b of clique) covered[a * n + b] = 1;
			result.push(clique.map((q) => nodes[q]));
		}
	return result;
}

const distinctSessions = (cols: readonly number[], sessionOf: Int32Array) => new Set(cols.map((c) => sessionOf[c])).size;

export function buildScheduleMip(instance: SchedulingInstance): Mip {
	const m = buildModel(instance);
	const n = m.candidates.length;
	// Candidate columns first, by session; `sessionOf`/`candOf` map a column back.
	const base: number[] = [];
	let numCand = 0;
	for (const cand of m.candidates) {
		base.push(numCand);
		numCand += cand.day.length;
	}
	const sessionOf = new Int32Array(numCand);
	const candOf = new Int32Array(numCand);
	m.candidates.forEach((cand, s) => cand.day.forEach((_, c) => ((sessionOf[base[s] + c] = s), (candOf[base[s] + c] = c))));
	const dayOf = (col: number) => m.candidates[sessionOf[col]].day[candOf[col]];
	const fromOf = (col: number) => m.candidates[sessionOf[col]].minute[candOf[col]];
	const toOf = (col: number) => fromOf(col) + m.minutes[sessionOf[col]];
	const overlap = (a: number, b: number) => fromOf(a) < toOf(b) && fromOf(b) < toOf(a);
	const tooClose = (a: number, b: number) => {
		const [s, t] = [sessionOf[a], sessionOf[b]];
		if (!m.offline[s] || !m.offline[t]) return false;
		return toOf(a) <= fromOf(b)
			? fromOf(b) - toOf(a) < m.travel[m.districtOf[s]][m.districtOf[t]]
			: fromOf(a) - toOf(b) < m.travel[m.districtOf[t]][m.districtOf[s]];
	};

	const group = (key: (col: number) => number[]) => {
		const map = new Map<number, number[]>();
		for (let col = 0; col < numCand; col++)
			for (const k of key(col)) {
				const list = map.get(k);
				if (list) list.push(col);
				else map.set(k, [col]);
			}
		return map;
	};
	// Rows among candidates only (all `<=` with coefficients 1): conflicts and weekly caps.
	const packing: { upper: number; cols: number[] }[] = [];
	for (const cols of group((col) => Array.from(m.volunteersOf[sessionOf[col]], (v) => v * m.days + dayOf(col))).values())
		if (distinctSessions(cols, sessionOf) > 1)
			for (const clique of cliqueRows(cols, sessionOf, (a, b) => overlap(a, b) || tooClose(a, b))) packing.push({ upper: 1, cols: clique });
	for (const [key, cols] of group((col) => [m.schoolOf[sessionOf[col]] * m.days + dayOf(col)])) {
		const rooms = m.rooms[Math.floor(key / m.days)];
		if (distinctSessions(cols, sessionOf) <= rooms) continue;
		if (rooms === 1) {
			for (const clique of cliqueRows(cols, sessionOf, overlap)) packing.push({ upper: 1, cols: clique });
			continue;
		}
		// The load peaks at some candidate's start; rows contained in another are implied.
		const loads: number[][] = [];
		for (const point of new Set(cols.map(fromOf))) {
			const running = cols.filter((c) => fromOf(c) <= point && point < toOf(c));
			if (distinctSessions(running, sessionOf) > rooms) loads.push(running);
		}
		const sets = loads.map((l) => new Set(l));
		loads.forEach((l, i) => {
			if (!sets.some((other, j) => j !== i && other.size >= l.length && l.every((c) => other.has(c)) && (other.size > l.length || j < i)))
				packing.push({ upper: rooms, cols: l });
		});
	}
	for (const [key, cols] of group((col) => Array.from(m.volunteersOf[sessionOf[col]], (v) => v * m.weeks + m.weekOfDay[dayOf(col)]))) {
		const max = m.maxPerWeek[Math.floor(key / m.weeks)];
		if (distinctSessions(cols, sessionOf) > max) packing.push({ upper: max, cols });
	}

	// Column dominance among each single session's candidates.
	const rowsOf: number[][] = Array.from({ length: numCand }, () => []);
	packing.forEach((r, i) => r.cols.forEach((c) => rowsOf[c].push(i)));
	const subset = (a: number[], b: number[]) => {
		let j = 0;
		for (const x of a) {
			while (j < b.length && b[j] < x) j++;
			if (j === b.length || b[j] !== x) return false;
		}
		return true;
	};
	const keep = new Uint8Array(numCand).fill(1);
	m.candidates.forEach((cand, s) => {
		if (m.units[m.unitOf[s]].sessions.length > 1) return;
		const kept: number[] = [];
		for (const c of cand.order) {
			const col = base[s] + c;
			if (
				kept.some((k) => cand.cost[candOf[k]] <= cand.cost[c] && rowsOf[k].length <= rowsOf[col].length && subset(rowsOf[k], rowsOf[col]))
			)
				keep[col] = 0;
			else kept.push(col);
		}
	});
	// Renumber the kept candidates.
	const colOf = new Int32Array(numCand).fill(-1);
	const colCost: number[] = [];
	const colUpper: number[] = [];
	const integer: number[] = [];
	const addCol = (cost: number, upper: number, isInteger: boolean) => {
		colCost.push(cost);
		colUpper.push(upper);
		integer.push(isInteger ? 1 : 0);
		return colCost.length - 1;
	};
	for (let col = 0; col < numCand; col++) if (keep[col]) colOf[col] = addCol(m.candidates[sessionOf[col]].cost[candOf[col]], 1, true);
	const unitCol = m.units.map((unit) => addCol(unit.penalty, unit.locked ? 0 : 1, true));
	const rows: Row[] = [];
	const keptCols = (s: number) => {
		const cols: number[] = [];
		for (let c = 0; c < m.candidates[s].day.length; c++) if (keep[base[s] + c]) cols.push(base[s] + c);
		return cols;
	};
	for (let s = 0; s < n; s++) {
		const cols = keptCols(s).map((c) => colOf[c]);
		rows.push({ lower: 1, upper: 1, cols: [...cols, unitCol[m.unitOf[s]]], vals: [...cols.map(() => 1), 1] });
	}
	for (const r of packing) {
		const cols = r.cols.filter((c) => keep[c]);
		if (distinctSessions(cols, sessionOf) > r.upper)
			rows.push({ lower: -Infinity, upper: r.upper, cols: cols.map((c) => colOf[c]), vals: cols.map(() => 1) });
	}
	// Series: running sums z[s,D] = sum of x[s,c] with day(c) <= D, at each candidate day D of s.
	m.units.forEach((unit) => {
		if (unit.sessions.length < 2) return;
		const sums = unit.sessions.map((s) => {
			const days: number[] = [];
			const zs: number[] = [];
			const cand = m.candidates[s];
			let c = 0;
			// Candidates are generated by day, so each day's columns are contiguous.
			while (c < cand.day.length) {
				const d = cand.day[c];
				const cols: number[] = [];
				for (; c < cand.day.length && cand.day[c] === d; c++) cols.push(colOf[base[s] + c]);
				const z = addCol(0, 1, false);
				const prev = zs.length ? [zs[zs.length - 1]] : [];
				rows.push({ lower: 0, upper: 0, cols: [z, ...prev, ...cols], vals: [1, ...prev.map(() => -1), ...cols.map(() => -1)] });
				days.push(d);
				zs.push(z);
			}
			return { days, zs };
		});
		for (let k = 1; k < unit.sessions.length; k++) {
			const earlier = sums[k - 1];
			const later = sums[k];
			let j = -1;
			later.days.forEach((d, i) => {
				while (j + 1 < earlier.days.length && earlier.days[j + 1] <= d - unit.gap) j++;
				const cols = j >= 0 ? [later.zs[i], earlier.zs[j]] : [later.zs[i]];
				rows.push({ lower: -Infinity, upper: 0, cols, vals: j >= 0 ? [1, -1] : [1] });
			});
		}
	});
	return { numCols: colCost.length, colCost, colUpper, integer, rows };
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
			integrality: Int32Array.from(mip.integer, (i) =>
				i ? highs.constants.variableType.integer : highs.constants.variableType.continuous
			),
			sense: highs.constants.objectiveSense.minimize
		};
		return highs.withModel(model, (solver): HighsOutcome => {
			// Presolve and the feasibility-jump heuristic spent seconds on the 40-session model
			// without shrinking it much; the relaxation of this model is tight enough to start at once.
			solver.options.set({
				output_flag: false,
				presolve: 'off',
				mip_heuristic_run_feasibility_jump: false,
				time_limit: timeLimitSeconds,
				mip_rel_gap: 0,
				mip_abs_gap: 0.99
			});
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
