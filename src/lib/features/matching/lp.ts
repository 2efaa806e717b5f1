// The matching objective as a linear program, for checking the engine against a general
// solver (HiGHS in the tests and the benchmark). It enumerates pairs on its own rather than
// reusing the engine's preparation, so the two share only the rules in eligibility.ts.
//
// Columns: x[p] in [0, 1] per allowed pair (lower bound 1 when pinned), then y[v][k] in
// [0, 1] per unit of volunteer capacity, costing loadStep * (k - 1). Rows: per volunteer
// sum x - sum y = 0; per demand 0 <= sum x <= seats. The constraint matrix is a network
// matrix (totally unimodular), so the LP optimum is integral and equals the integer optimum.
import { pairScore, REFERENCE_WEIGHTS } from './eligibility';
import type { MatchingInstance, Pair, ScoringWeights } from './types';

export interface LinearProgram {
	readonly numCols: number;
	readonly numRows: number;
	/** Maximise colCost . x. */
	readonly colCost: Float64Array;
	readonly colLower: Float64Array;
	readonly colUpper: Float64Array;
	readonly rowLower: Float64Array;
	readonly rowUpper: Float64Array;
	readonly matrix: {
		readonly format: 'csc';
		readonly numRows: number;
		readonly numCols: number;
		readonly starts: Int32Array;
		readonly indices: Int32Array;
		readonly values: Float64Array;
	};
	/** The pair of each of the first `pairs.length` columns. */
	readonly pairs: readonly Pair[];
}

export function buildLinearProgram(instance: MatchingInstance, weights: ScoringWeights = REFERENCE_WEIGHTS): LinearProgram {
	const district = new Map(instance.districts.map((id, i) => [id, i]));
	const key = (d: string, v: string) => `${d}\u0000${v}`;
	const forbidden = new Set(instance.forbidden.map(([d, v]) => key(d, v)));
	const pinned = new Set(instance.pinned.map(([d, v]) => key(d, v)));
	const nv = instance.volunteers.length;

	const pairs: Pair[] = [];
	const pairRows: number[] = [];
	const scores: number[] = [];
	const lower: number[] = [];
	instance.demands.forEach((d, di) => {
		instance.volunteers.forEach((v, vi) => {
			if (forbidden.has(key(d.id, v.id))) return;
			const minutes = instance.travelMinutes[district.get(v.district)!][district.get(d.district)!];
			const score = pairScore(d, v, minutes, weights);
			if (score === null) return;
			pairs.push([d.id, v.id]);
			pairRows.push(vi, nv + di);
			scores.push(score);
			lower.push(pinned.has(key(d.id, v.id)) ? 1 : 0);
		});
	});
	const loadUnits = instance.volunteers.reduce((sum, v) => sum + v.capacity, 0);
	const numCols = pairs.length + loadUnits;
	const numRows = nv + instance.demands.length;
	const colCost = new Float64Array(numCols);
	const colLower = new Float64Array(numCols);
	const colUpper = new Float64Array(numCols).fill(1);
	const starts = new Int32Array(numCols + 1);
	const indices = new Int32Array(2 * pairs.length + loadUnits);
	const values = new Float64Array(indices.length);
	let nz = 0;
	pairs.forEach((_, c) => {
		colCost[c] = scores[c];
		colLower[c] = lower[c];
		starts[c] = nz;
		indices[nz] = pairRows[2 * c];
		values[nz++] = 1;
		indices[nz] = pairRows[2 * c + 1];
		values[nz++] = 1;
	});
	let c = pairs.length;
	instance.volunteers.forEach((v, vi) => {
		for (let k = 1; k <= v.capacity; k++, c++) {
			colCost[c] = -weights.loadStep * (k - 1);
			starts[c] = nz;
			indices[nz] = vi;
			values[nz++] = -1;
		}
	});
	starts[numCols] = nz;
	const rowLower = new Float64Array(numRows);
	const rowUpper = new Float64Array(numRows);
	instance.demands.forEach((d, di) => (rowUpper[nv + di] = d.seats));
	return {
		numCols,
		numRows,
		colCost,
		colLower,
		colUpper,
		rowLower,
		rowUpper,
		matrix: { format: 'csc', numRows, numCols, starts, indices, values },
		pairs
	};
}
