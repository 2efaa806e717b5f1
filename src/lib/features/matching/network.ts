// Exact min-cost flow for the matching objective, with the state kept for incremental use.
//
// Network, a circulation through one hub H: H -> volunteer v by `capacity(v)` unit arcs,
// the k-th costing loadStep*(k-1) (convex load, so cheaper units always fill first);
// v -> demand d, one unit arc per eligible pair costing -score; d -> H with capacity
// seats(d) and cost 0. Every circulation is an assignment and costs minus its objective, so
// the optimum is the min-cost circulation. A pin freezes its pair arc at flow 1 (no
// residual either way); a forbidden pair's arc gets capacity 0. Costs are integers, so
// everything below is exact.
//
// Optimality is certified by potentials pi: every residual arc has a non-negative reduced
// cost cost + pi[tail] - pi[head].
//
// Initial solve, in two stages:
// 1. Cost scaling (Goldberg-Tarjan push-relabel): starting from the pins alone and simple
//    potentials, refine an eps-optimal circulation (reduced costs >= -eps) for eps = the
//    largest violation / 8, / 64, ... down to 1: three refines with the reference weights.
//    Each refine saturates the arcs of negative reduced cost and pushes the resulting excess
//    along such arcs, lowering a node's potential when it has none. Local work only; no
//    search over the whole network per unit of flow.
// 2. Exact finish: saturating the arcs still at reduced cost -1 leaves every residual arc
//    non-negative and some units out of balance (thousands on dense instances). In phases,
//    one Dijkstra from all surplus nodes makes the shortest paths tight and a depth-first
//    search sends every unit it can along tight arcs (20-40 phases on the benchmark). The
//    result is optimal with exact integer potentials.
//
// Incremental re-solve: an edit (pin, unpin, forbid, allow) changes one pair arc, leaving
// at most one unit out of balance; one Dijkstra and one augmentation restore optimality.
import { loadCost } from './eligibility';
import type { PreparedInstance } from './prepare';

const H = 0;
/** How much each refine divides eps by; 4 to 16 measured alike on the benchmark, 8 in the middle. */
const SCALE = 8;

export type PathArc = { kind: 'pair_added' | 'pair_removed' | 'other'; pair: number };

export class FlowNetwork {
	private readonly nodeCount: number;
	/** Arcs of node u are first[u] .. first[u + 1] - 1 (CSR); rev[a] is a's residual twin. */
	private readonly first: Int32Array;
	private readonly head: Int32Array;
	private readonly rev: Int32Array;
	private readonly cost: Int32Array;
	/** Residual capacities. */
	private readonly cap: Int32Array;
	private readonly pi: Float64Array;
	/** First load arc H -> v of each volunteer; the others follow it. */
	private readonly loadStart: Int32Array;
	/** Forward arc v -> d of each pair. */
	private readonly pairArc: Int32Array;
	readonly pinned: Uint8Array;
	readonly forbidden: Uint8Array;
	private solved = false;

	// Scratch: imbalances and the push-relabel queue (initial solve), Dijkstra (all searches).
	private readonly excess: Int32Array;
	private readonly currentArc: Int32Array;
	private readonly dist: Float64Array;
	/** The arc entering x on its path from the root of the last search. */
	private readonly parent: Int32Array;
	private readonly seenAt: Int32Array;
	private readonly doneAt: Int32Array;
	private readonly targetAt: Int32Array;
	private epoch = 0;
	private readonly finalized: Int32Array;
	/** Arcs of the path being built by `sendAlongTightArcs`. */
	private readonly path: Int32Array;
	private finalizedCount = 0;
	private heapKey = new Float64Array(1024);
	private heapNode = new Int32Array(1024);
	private heapSize = 0;
	private searchRoot = -1;

	constructor(private readonly prep: PreparedInstance) {
		const { instance, weights, pairCount, pairDemand, pairVolunteer, pairScore } = prep;
		const nv = instance.volunteers.length;
		const nd = instance.demands.length;
		const n = 1 + nv + nd;
		this.nodeCount = n;
		const vNode = (v: number) => 1 + v;
		const dNode = (d: number) => 1 + nv + d;

		const degree = new Int32Array(n);
		instance.volunteers.forEach((v, i) => {
			degree[H] += v.capacity;
			degree[vNode(i)] += v.capacity;
		});
		degree[H] += nd;
		for (let d = 0; d < nd; d++) degree[dNode(d)] += 1;
		for (let p = 0; p < pairCount; p++) {
			degree[vNode(pairVolunteer[p])]++;
			degree[dNode(pairDemand[p])]++;
		}
		this.first = new Int32Array(n + 1);
		for (let u = 0; u < n; u++) this.first[u + 1] = this.first[u] + degree[u];
		const m = this.first[n];
		this.head = new Int32Array(m);
		this.rev = new Int32Array(m);
		this.cost = new Int32Array(m);
		this.cap = new Int32Array(m);
		const fill = this.first.slice(0, n);
		const addArc = (u: number, w: number, capacity: number, cost: number) => {
			const a = fill[u]++;
			const b = fill[w]++;
			this.head[a] = w;
			this.cost[a] = cost;
			this.cap[a] = capacity;
			this.head[b] = u;
			this.cost[b] = -cost;
			this.rev[a] = b;
			this.rev[b] = a;
			return a;
		};

		// A volunteer's load arcs are consecutive in H's list, so its k-th is loadStart + k - 1.
		this.loadStart = new Int32Array(nv);
		instance.volunteers.forEach((v, i) => {
			for (let k = 1; k <= v.capacity; k++) {
				const a = addArc(H, vNode(i), 1, weights.loadStep * (k - 1));
				if (k === 1) this.loadStart[i] = a;
			}
		});
		const seatArc = new Int32Array(nd);
		instance.demands.forEach((d, i) => (seatArc[i] = addArc(dNode(i), H, d.seats, 0)));
		this.pairArc = new Int32Array(pairCount);
		this.forbidden = prep.pairForbidden.slice();
		this.pinned = new Uint8Array(pairCount);
		// Pair arcs go in by descending score, so every node's list tries its best pairs first:
		// pushes and the finish's depth-first search meet an admissible or useful arc sooner
		// (at 3000x800, 10-30 % fewer arcs scanned; on the mixed shape the finish scans 4.6 M
		// instead of 21 M).
		for (const p of byDescendingScore(pairScore, pairCount)) {
			this.pairArc[p] = addArc(vNode(pairVolunteer[p]), dNode(pairDemand[p]), this.forbidden[p] ? 0 : 1, -pairScore[p]);
		}

		// A pin is one unit around H -> v -> d -> H through the volunteer's cheapest free load
		// arc and the frozen pair arc: balanced from the start.
		const pinsOf = new Int32Array(nv);
		for (const p of prep.pins) {
			const a = this.pairArc[p];
			this.cap[a] = 0;
			this.pinned[p] = 1;
			this.push(this.loadStart[pairVolunteer[p]] + pinsOf[pairVolunteer[p]]++, 1);
			this.push(seatArc[pairDemand[p]], 1);
		}

		this.pi = new Float64Array(n);
		this.excess = new Int32Array(n);
		this.currentArc = new Int32Array(n);
		this.dist = new Float64Array(n);
		this.parent = new Int32Array(n);
		this.seenAt = new Int32Array(n);
		this.doneAt = new Int32Array(n);
		this.targetAt = new Int32Array(n);
		this.finalized = new Int32Array(n);
		this.path = new Int32Array(n);
	}

	volunteerNode(v: number): number {
		return 1 + v;
	}

	demandNode(d: number): number {
		return 1 + this.prep.instance.volunteers.length + d;
	}

	/** Flow (0 or 1) on a pair. */
	flowOf(p: number): number {
		return this.pinned[p] ? 1 : this.cap[this.rev[this.pairArc[p]]];
	}

	/** How many demands volunteer v has (its used load arcs). */
	loadOf(v: number): number {
		let load = 0;
		const start = this.loadStart[v];
		for (let k = 0; k < this.prep.instance.volunteers[v].capacity; k++) load += this.cap[this.rev[start + k]];
		return load;
	}

	/** The objective of the current flow: pair scores minus load costs. */
	objective(): number {
		const { pairCount, pairScore, instance, weights } = this.prep;
		let total = 0;
		for (let p = 0; p < pairCount; p++) if (this.flowOf(p)) total += pairScore[p];
		for (let v = 0; v < instance.volunteers.length; v++) total -= loadCost(this.loadOf(v), weights);
		return total;
	}

	/** Moves `units` along residual arc a. */
	private push(a: number, units: number): void {
		this.cap[a] -= units;
		this.cap[this.rev[a]] += units;
	}

	private reducedCost(a: number): number {
		return this.cost[a] + this.pi[this.head[this.rev[a]]] - this.pi[this.head[a]];
	}

	/** The optimum from scratch (pins committed in the constructor). Call once. */
	solve(): void {
		if (this.solved) throw new Error('FlowNetwork.solve() runs once; use the incremental operations afterwards');
		this.solved = true;
		// Start from potentials under which only the seat arcs d -> H are negative: a volunteer
		// at the cost of its next load unit, a demand at its cheapest pair. The first refine
		// then fills seats instead of undoing a flood of pairs.
		const { pairCount, pairVolunteer, instance, weights } = this.prep;
		for (let v = 0; v < instance.volunteers.length; v++) this.pi[this.volunteerNode(v)] = weights.loadStep * this.loadOf(v);
		for (let p = 0; p < pairCount; p++) {
			const a = this.pairArc[p];
			const d = this.head[a];
			if (this.cap[a] > 0) this.pi[d] = Math.min(this.pi[d], this.pi[this.volunteerNode(pairVolunteer[p])] + this.cost[a]);
		}
		// The largest violation, node by node (the tail's potential read once, not per arc).
		const { first, head, cap, cost, pi } = this;
		let eps = 0;
		for (let u = 0; u < this.nodeCount; u++) {
			const pu = pi[u];
			for (let a = first[u], end = first[u + 1]; a < end; a++) {
				if (cap[a] > 0) {
					const violation = pi[head[a]] - cost[a] - pu;
					if (violation > eps) eps = violation;
				}
			}
		}
		while (eps > 1) {
			eps = Math.max(1, Math.floor(eps / SCALE));
			this.refine(eps);
		}
		this.finish();
	}

	/**
	 * Exact finish in phases: one Dijkstra from every node with surplus to the nearest
	 * deficit, potentials raised so every shortest path is tight, then as many units as the
	 * tight arcs carry, found by depth-first search. One search per phase rather than one
	 * per unit: after the last refine thousands of units are out of balance, at small
	 * distances.
	 */
	private finish(): void {
		this.saturateNegativeArcs();
		const sources: number[] = [];
		for (;;) {
			sources.length = 0;
			for (let u = 0; u < this.nodeCount; u++) if (this.excess[u] > 0) sources.push(u);
			if (!sources.length) return;
			const end = this.dijkstra(sources, []);
			if (end < 0) throw new Error('matching network: no residual path to rebalance (pins were not checked)');
			const reach = this.dist[end];
			for (let i = 0; i < this.finalizedCount; i++) {
				const u = this.finalized[i];
				this.pi[u] += this.dist[u] - reach;
			}
			this.sendAlongTightArcs(sources);
		}
	}

	/**
	 * Moves surplus units along residual arcs of reduced cost 0 to deficits (which keeps the
	 * potentials exact). A node found unable to reach a deficit stays skipped for the phase,
	 * so the search is linear in the arcs; units it misses wait for the next phase.
	 */
	private sendAlongTightArcs(sources: readonly number[]): void {
		const { first, head, cap, cost, pi, rev, excess, currentArc, path } = this;
		const onPath = this.seenAt;
		const dead = this.targetAt;
		const mark = ++this.epoch;
		for (let u = 0; u < this.nodeCount; u++) currentArc[u] = first[u];
		for (const s of sources) {
			while (excess[s] > 0 && dead[s] !== mark) {
				let x = s;
				let depth = 0;
				onPath[s] = mark;
				for (;;) {
					if (excess[x] < 0) {
						for (let i = 0; i < depth; i++) {
							const a = path[i];
							cap[a]--;
							cap[rev[a]]++;
							onPath[head[a]] = 0;
						}
						onPath[s] = 0;
						excess[s]--;
						excess[x]++;
						break;
					}
					const end = first[x + 1];
					const px = pi[x];
					let a = currentArc[x];
					for (; a < end; a++) {
						const w = head[a];
						if (cap[a] > 0 && cost[a] + px === pi[w] && dead[w] !== mark && onPath[w] !== mark) break;
					}
					currentArc[x] = a;
					if (a < end) {
						path[depth++] = a;
						x = head[a];
						onPath[x] = mark;
					} else {
						dead[x] = mark;
						onPath[x] = 0;
						if (depth === 0) break;
						x = head[rev[path[--depth]]];
						currentArc[x]++;
					}
				}
			}
		}
	}

	/** Pushes flow over every residual arc of negative reduced cost, recording the imbalances. */
	private saturateNegativeArcs(): void {
		const { first, head, cap, cost, pi, rev, excess } = this;
		for (let u = 0; u < this.nodeCount; u++) {
			const pu = pi[u];
			for (let a = first[u], end = first[u + 1]; a < end; a++) {
				const units = cap[a];
				if (units > 0 && cost[a] + pu - pi[head[a]] < 0) {
					cap[a] = 0;
					cap[rev[a]] += units;
					excess[u] -= units;
					excess[head[a]] += units;
				}
			}
		}
	}

	/**
	 * Turns a (SCALE * eps)-optimal circulation into an eps-optimal one: saturate every arc
	 * of negative reduced cost, then discharge each node with excess (FIFO) by pushing along
	 * arcs of negative reduced cost, relabelling it (lowering its potential just enough to
	 * open an arc while keeping every arc >= -eps) when it has none.
	 */
	private refine(eps: number): void {
		const { first, head, cap, cost, pi, rev, excess, currentArc } = this;
		const n = this.nodeCount;
		this.saturateNegativeArcs();
		// FIFO of nodes with excess, in a ring over Dijkstra's scratch (free during the solve).
		const queue = this.finalized;
		const queued = this.doneAt;
		const mark = ++this.epoch;
		let qh = 0;
		let qt = 0;
		for (let u = 0; u < n; u++) {
			currentArc[u] = first[u];
			if (excess[u] > 0) {
				queue[qt++] = u;
				queued[u] = mark;
			}
		}
		let size = qt;
		if (qt === n) qt = 0;
		while (size > 0) {
			const u = queue[qh];
			if (++qh === n) qh = 0;
			size--;
			queued[u] = 0;
			const end = first[u + 1];
			let a = currentArc[u];
			let pu = pi[u];
			while (excess[u] > 0) {
				while (a < end && !(cap[a] > 0 && cost[a] + pu - pi[head[a]] < 0)) a++;
				if (a < end) {
					const w = head[a];
					const units = excess[u] < cap[a] ? excess[u] : cap[a];
					cap[a] -= units;
					cap[rev[a]] += units;
					excess[u] -= units;
					excess[w] += units;
					if (excess[w] > 0 && queued[w] !== mark) {
						queue[qt] = w;
						if (++qt === n) qt = 0;
						size++;
						queued[w] = mark;
					}
				} else {
					let best = -Infinity;
					for (let b = first[u]; b < end; b++) {
						if (cap[b] > 0) {
							const price = pi[head[b]] - cost[b];
							if (price > best) best = price;
						}
					}
					pu = pi[u] = best - eps;
					a = first[u];
				}
			}
			currentArc[u] = a;
		}
	}

	/**
	 * Dijkstra on reduced costs from `roots` (all at distance 0) until every target is final;
	 * with no targets, until the first node with a deficit (negative excess) is final.
	 */
	private dijkstra(roots: readonly number[], targets: readonly number[]): number {
		const epoch = ++this.epoch;
		const { first, head, cap, cost, pi, dist, parent, seenAt, doneAt, targetAt, excess } = this;
		let remaining = 0;
		for (const t of targets) {
			if (targetAt[t] !== epoch) remaining++;
			targetAt[t] = epoch;
		}
		const toDeficit = targets.length === 0;
		let bound = Infinity;
		this.searchRoot = roots[0];
		this.finalizedCount = 0;
		this.heapSize = 0;
		for (const root of roots) {
			dist[root] = 0;
			parent[root] = -1;
			seenAt[root] = epoch;
			this.heapPush(0, root);
		}
		while (this.heapSize > 0) {
			const key = this.heapKey[0];
			const u = this.heapNode[0];
			this.heapPop();
			if (doneAt[u] === epoch) continue;
			doneAt[u] = epoch;
			this.finalized[this.finalizedCount++] = u;
			if (toDeficit ? excess[u] < 0 : targetAt[u] === epoch && --remaining === 0) return u;
			const base = key + pi[u];
			for (let a = first[u], end = first[u + 1]; a < end; a++) {
				if (cap[a] === 0) continue;
				const w = head[a];
				if (doneAt[w] === epoch) continue;
				const nd = base + cost[a] - pi[w];
				if (seenAt[w] !== epoch || nd < dist[w]) {
					const goal = toDeficit ? excess[w] < 0 : targetAt[w] === epoch && remaining === 1;
					// Once the last goal is known at some distance, nodes no closer cannot matter.
					if (!goal && nd >= bound) continue;
					seenAt[w] = epoch;
					dist[w] = nd;
					parent[w] = a;
					if (goal) {
						// Nothing is closer than the node being expanded: the goal is final already.
						if (nd === key) {
							doneAt[w] = epoch;
							this.finalized[this.finalizedCount++] = w;
							return w;
						}
						bound = nd;
					}
					this.heapPush(nd, w);
				}
			}
		}
		return -1;
	}

	private heapPush(key: number, node: number): void {
		if (this.heapSize === this.heapKey.length) {
			const keys = new Float64Array(this.heapKey.length * 2);
			keys.set(this.heapKey);
			this.heapKey = keys;
			const nodes = new Int32Array(this.heapNode.length * 2);
			nodes.set(this.heapNode);
			this.heapNode = nodes;
		}
		const { heapKey, heapNode } = this;
		let i = this.heapSize++;
		while (i > 0) {
			const up = (i - 1) >> 1;
			if (heapKey[up] <= key) break;
			heapKey[i] = heapKey[up];
			heapNode[i] = heapNode[up];
			i = up;
		}
		heapKey[i] = key;
		heapNode[i] = node;
	}

	private heapPop(): void {
		const { heapKey, heapNode } = this;
		const size = --this.heapSize;
		const key = heapKey[size];
		const node = heapNode[size];
		let i = 0;
		for (;;) {
			let child = 2 * i + 1;
			if (child >= size) break;
			if (child + 1 < size && heapKey[child + 1] < heapKey[child]) child++;
			if (heapKey[child] >= key) break;
			heapKey[i] = heapKey[child];
			heapNode[i] = heapNode[child];
			i = child;
		}
		heapKey[i] = key;
		heapNode[i] = node;
	}

	/**
	 * Sends one unit of `from`'s surplus along a shortest residual path to `to`, then updates potentials: pi += min(dist,
	 * reach), shifted by the constant reach so only finalised nodes change. Reduced costs stay
	 * non-negative and the path's arcs become tight.
	 */
	private augment(from: number, to: number): void {
		const end = this.dijkstra([from], [to]);
		if (end < 0) throw new Error('matching network: no residual path to rebalance (pins were not checked)');
		const reach = this.dist[end];
		for (let i = 0; i < this.finalizedCount; i++) {
			const u = this.finalized[i];
			this.pi[u] += this.dist[u] - reach;
		}
		for (const a of this.pathArcs(end)) this.push(a, 1);
		this.excess[from]--;
		this.excess[end]++;
	}

	/** Arcs of the last search's path from its root to `node`, in order. */
	private pathArcs(node: number): number[] {
		const arcs: number[] = [];
		for (let x = node; this.parent[x] >= 0; x = this.head[this.rev[this.parent[x]]]) arcs.push(this.parent[x]);
		return arcs.reverse();
	}

	// The edits below change one pair arc and leave at most one unit out of balance, which
	// `moveUnit` settles.

	/** Pins pair p. The caller has checked the pair is allowed and the pins stay feasible. */
	pin(p: number): void {
		const a = this.pairArc[p];
		const b = this.rev[a];
		this.pinned[p] = 1;
		if (this.cap[b] === 1) {
			this.cap[b] = 0;
			return;
		}
		// Force the unit through the frozen arc: the demand gains a unit the volunteer lacks.
		this.cap[a] = 0;
		this.moveUnit(this.head[a], this.head[b]);
	}

	unpin(p: number): void {
		const a = this.pairArc[p];
		const b = this.rev[a];
		this.pinned[p] = 0;
		if (this.reducedCost(b) >= 0) {
			this.cap[b] = 1;
			return;
		}
		// Keeping the unit would break optimality: take it out and let a shortest path decide.
		this.cap[a] = 1;
		this.moveUnit(this.head[b], this.head[a]);
	}

	/** Forbids pair p. The caller has checked it is not pinned. */
	forbid(p: number): void {
		const a = this.pairArc[p];
		const b = this.rev[a];
		this.forbidden[p] = 1;
		const flowing = this.cap[b] === 1;
		this.cap[a] = 0;
		this.cap[b] = 0;
		if (flowing) this.moveUnit(this.head[b], this.head[a]);
	}

	allow(p: number): void {
		const a = this.pairArc[p];
		const b = this.rev[a];
		this.forbidden[p] = 0;
		if (this.reducedCost(a) >= 0) {
			this.cap[a] = 1;
			return;
		}
		this.cap[b] = 1;
		this.moveUnit(this.head[a], this.head[b]);
	}

	/** `surplus` holds a unit too many and `deficit` one too few: route it back. */
	private moveUnit(surplus: number, deficit: number): void {
		this.excess[surplus]++;
		this.excess[deficit]--;
		this.augment(surplus, deficit);
	}

	/**
	 * Shortest reduced distances from demand d to the given volunteers, without changing the
	 * solution: a path from d to v is the cheapest way to make room for the pair (d, v). Read
	 * the result with `probedCost` and `probedPath` before the next operation.
	 */
	probeFrom(d: number, volunteers: readonly number[]): void {
		this.dijkstra(
			[this.demandNode(d)],
			volunteers.map((v) => this.volunteerNode(v))
		);
	}

	/** Actual cost of the probed path to volunteer v, or null if the pins leave none. */
	probedCost(v: number): number | null {
		const node = this.volunteerNode(v);
		if (this.doneAt[node] !== this.epoch) return null;
		return this.dist[node] - this.pi[this.searchRoot] + this.pi[node];
	}

	/** The pair arcs of the probed path to volunteer v: pairs it would add or drop. */
	probedPath(v: number): PathArc[] {
		const nv = this.prep.instance.volunteers.length;
		const isVolunteer = (x: number) => x >= 1 && x <= nv;
		const isDemand = (x: number) => x > nv;
		return this.pathArcs(this.volunteerNode(v)).map((a): PathArc => {
			const from = this.head[this.rev[a]];
			const to = this.head[a];
			if (isVolunteer(from) && isDemand(to)) return { kind: 'pair_added', pair: this.prep.pairOf(to - 1 - nv, from - 1) };
			if (isDemand(from) && isVolunteer(to)) return { kind: 'pair_removed', pair: this.prep.pairOf(from - 1 - nv, to - 1) };
			return { kind: 'other', pair: -1 };
		});
	}
}

/**
 * Pair indices by descending score, ties by index. Scores span a few hundred values, so a
 * counting sort (linear); a numeric sort when tuned weights spread them wider.
 */
function byDescendingScore(scores: Int32Array, count: number): Int32Array {
	let top = -Infinity;
	let bottom = Infinity;
	for (let p = 0; p < count; p++) {
		if (scores[p] > top) top = scores[p];
		if (scores[p] < bottom) bottom = scores[p];
	}
	const order = new Int32Array(count);
	if (count === 0) return order;
	const span = top - bottom + 1;
	if (span <= 4 * count + 1024) {
		const start = new Int32Array(span + 1);
		for (let p = 0; p < count; p++) start[top - scores[p] + 1]++;
		for (let r = 0; r < span; r++) start[r + 1] += start[r];
		for (let p = 0; p < count; p++) order[start[top - scores[p]]++] = p;
		return order;
	}
	for (let p = 0; p < count; p++) order[p] = p;
	return order.sort((x, y) => scores[y] - scores[x] || x - y);
}
