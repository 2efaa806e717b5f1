// Exact min-cost flow for the matching objective, with the state kept for incremental use.
//
// Network: source S -> volunteer v by `capacity(v)` unit arcs, the k-th costing
// loadStep*(k-1) (convex load, so cheaper units always fill first); v -> demand d, one unit
// arc per eligible pair costing -score; d -> sink T with capacity seats(d). Maximising the
// objective is finding the min-cost flow of any value. A pin freezes its pair arc at flow 1
// (no residual either way); a forbidden pair's arc gets capacity 0.
//
// Initial solve: primal-dual successive shortest paths. Each phase runs one Dijkstra on
// reduced costs (Johnson potentials), then saturates every shortest path at once with a
// blocking flow (Dinic) on the zero-reduced-cost arcs. Path costs only grow from phase to
// phase and are integers in [-maxScore, 0), so there are at most maxScore phases (200 with
// the reference weights) whatever the instance size; the solve stops when the next path
// would not improve the objective.
//
// Afterwards a return arc T -> S turns the flow into a circulation whose potentials prove
// optimality (every residual arc has a non-negative reduced cost). An edit (pin, unpin,
// forbid, allow) changes one pair arc, which leaves at most one unit out of balance; one
// Dijkstra from the surplus node to the deficit node and one augmentation restore an
// optimal circulation. That is the incremental re-solve.
import type { PreparedInstance } from './prepare';

const S = 0;
const T = 1;
/** Capacity of the return arc: more than any flow value. */
const UNBOUNDED = 2 ** 30;

export class FlowNetwork {
	readonly nodeCount: number;
	/** Arcs of node u are first[u] .. first[u + 1] - 1 (CSR); rev[a] is a's residual twin. */
	private readonly first: Int32Array;
	private readonly head: Int32Array;
	private readonly tail: Int32Array;
	private readonly rev: Int32Array;
	private readonly cost: Int32Array;
	/** Residual capacities. */
	private readonly cap: Int32Array;
	/** Potentials: cost[a] + pi[tail] - pi[head] >= 0 on every residual arc. */
	private readonly pi: Float64Array;
	/** First load arc S -> v of each volunteer; the others follow it. */
	private readonly loadStart: Int32Array;
	/** Forward arc v -> d of each pair. */
	private readonly pairArc: Int32Array;
	readonly pinned: Uint8Array;
	readonly forbidden: Uint8Array;
	private readonly returnArc: number;
	private solved = false;
	/** Total cost of the flow: minus the objective. */
	private totalCost = 0;

	// Scratch for Dijkstra and the blocking flow, reused across calls.
	readonly dist: Float64Array;
	readonly parent: Int32Array;
	private readonly seenAt: Int32Array;
	private readonly doneAt: Int32Array;
	private readonly targetAt: Int32Array;
	private epoch = 0;
	private readonly finalized: Int32Array;
	private finalizedCount = 0;
	private heapKey = new Float64Array(1024);
	private heapNode = new Int32Array(1024);
	private heapSize = 0;
	private readonly level: Int32Array;
	private readonly nextArc: Int32Array;
	private readonly stackArc: Int32Array;

	constructor(private readonly prep: PreparedInstance) {
		const { instance, weights, pairCount, pairDemand, pairVolunteer, pairScore } = prep;
		const nv = instance.volunteers.length;
		const nd = instance.demands.length;
		const n = 2 + nv + nd;
		this.nodeCount = n;
		const vNode = (v: number) => 2 + v;
		const dNode = (d: number) => 2 + nv + d;

		const degree = new Int32Array(n);
		let loadArcs = 0;
		instance.volunteers.forEach((v, i) => {
			loadArcs += v.capacity;
			degree[vNode(i)] += v.capacity;
		});
		degree[S] += loadArcs + 1;
		degree[T] += nd + 1;
		for (let d = 0; d < nd; d++) degree[dNode(d)] += 1;
		for (let p = 0; p < pairCount; p++) {
			degree[vNode(pairVolunteer[p])]++;
			degree[dNode(pairDemand[p])]++;
		}
		this.first = new Int32Array(n + 1);
		for (let u = 0; u < n; u++) this.first[u + 1] = this.first[u] + degree[u];
		const m = this.first[n];
		this.head = new Int32Array(m);
		this.tail = new Int32Array(m);
		this.rev = new Int32Array(m);
		this.cost = new Int32Array(m);
		this.cap = new Int32Array(m);
		const fill = this.first.slice(0, n);
		const addArc = (u: number, w: number, capacity: number, cost: number) => {
			const a = fill[u]++;
			const b = fill[w]++;
			this.head[a] = w;
			this.tail[a] = u;
			this.cost[a] = cost;
			this.cap[a] = capacity;
			this.head[b] = u;
			this.tail[b] = w;
			this.cost[b] = -cost;
			this.rev[a] = b;
			this.rev[b] = a;
			return a;
		};

		// A volunteer's load arcs are consecutive in S's list, so its k-th is loadStart + k - 1.
		const loadStart = (this.loadStart = new Int32Array(nv));
		instance.volunteers.forEach((v, i) => {
			for (let k = 1; k <= v.capacity; k++) {
				const a = addArc(S, vNode(i), 1, weights.loadStep * (k - 1));
				if (k === 1) loadStart[i] = a;
			}
		});
		const seatArc = new Int32Array(nd);
		instance.demands.forEach((d, i) => (seatArc[i] = addArc(dNode(i), T, d.seats, 0)));
		this.pairArc = new Int32Array(pairCount);
		this.forbidden = prep.pairForbidden.slice();
		this.pinned = new Uint8Array(pairCount);
		for (let p = 0; p < pairCount; p++) {
			this.pairArc[p] = addArc(vNode(pairVolunteer[p]), dNode(pairDemand[p]), this.forbidden[p] ? 0 : 1, -pairScore[p]);
		}
		// Closed until the initial solve ends: the phases need S and T apart.
		this.returnArc = addArc(T, S, 0, 0);

		// Pins are committed before solving: the pair arc frozen at flow 1, the volunteer's
		// cheapest load arcs and one seat of the demand used.
		const pinsOf = new Int32Array(nv);
		for (const p of prep.pins) {
			const v = pairVolunteer[p];
			const a = this.pairArc[p];
			this.cap[a] = 0;
			this.pinned[p] = 1;
			const load = loadStart[v] + pinsOf[v]++;
			this.push(load);
			this.push(seatArc[pairDemand[p]]);
			this.totalCost += this.cost[load] + this.cost[a];
		}

		// Feasible starting potentials for this pseudo-flow: a volunteer sits at the cost of
		// its next load unit; every demand and the sink sit at the cheapest way into any demand.
		this.pi = new Float64Array(n);
		let sinkLevel = 0;
		for (let v = 0; v < nv; v++) this.pi[vNode(v)] = weights.loadStep * pinsOf[v];
		for (let p = 0; p < pairCount; p++) {
			const a = this.pairArc[p];
			if (this.cap[a] > 0) sinkLevel = Math.min(sinkLevel, this.pi[vNode(pairVolunteer[p])] + this.cost[a]);
		}
		for (let d = 0; d < nd; d++) this.pi[dNode(d)] = sinkLevel;
		this.pi[T] = sinkLevel;

		this.dist = new Float64Array(n);
		this.parent = new Int32Array(n);
		this.seenAt = new Int32Array(n);
		this.doneAt = new Int32Array(n);
		this.targetAt = new Int32Array(n);
		this.finalized = new Int32Array(n);
		this.level = new Int32Array(n);
		this.nextArc = new Int32Array(n);
		this.stackArc = new Int32Array(n);
	}

	volunteerNode(v: number): number {
		return 2 + v;
	}

	demandNode(d: number): number {
		return 2 + this.prep.instance.volunteers.length + d;
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

	objective(): number {
		return 0 - this.totalCost; // not -totalCost: an empty solution is 0, not -0
	}

	/** Moves one unit along residual arc a. */
	private push(a: number): void {
		this.cap[a]--;
		this.cap[this.rev[a]]++;
	}

	private reducedCost(a: number): number {
		return this.cost[a] + this.pi[this.tail[a]] - this.pi[this.head[a]];
	}

	/** The optimum from scratch (pins committed in the constructor). Call once. */
	solve(): void {
		if (this.solved) throw new Error('FlowNetwork.solve() runs once; use the incremental operations afterwards');
		for (;;) {
			// An S -> T path improves the objective while its reduced length is below this.
			const threshold = this.pi[S] - this.pi[T];
			if (threshold <= 0) break;
			this.dijkstra(S, [T], threshold);
			const reached = this.doneAt[T] === this.epoch;
			this.raisePotentials(reached ? this.dist[T] : threshold);
			if (!reached) break;
			this.blockingFlow();
		}
		// The last potential update set pi[S] = pi[T], so the return arc's both directions
		// have reduced cost 0 and the circulation below satisfies the optimality conditions.
		const flow = this.flowValue();
		this.cap[this.returnArc] = UNBOUNDED - flow;
		this.cap[this.rev[this.returnArc]] = flow;
		this.solved = true;
	}

	/** Units leaving S. */
	private flowValue(): number {
		let flow = 0;
		for (let a = this.first[S]; a < this.first[S + 1]; a++) if (a !== this.rev[this.returnArc]) flow += this.cap[this.rev[a]];
		return flow;
	}

	/**
	 * Dijkstra on reduced costs from `source`, finalising nodes in order of distance until
	 * every target is final or the next distance reaches `bound`.
	 */
	private dijkstra(source: number, targets: readonly number[], bound: number): void {
		const epoch = ++this.epoch;
		const { first, head, cap, cost, pi, dist, parent, seenAt, doneAt, targetAt } = this;
		let remaining = 0;
		for (const t of targets) {
			if (targetAt[t] !== epoch) remaining++;
			targetAt[t] = epoch;
		}
		this.finalizedCount = 0;
		this.heapSize = 0;
		dist[source] = 0;
		parent[source] = -1;
		seenAt[source] = epoch;
		this.heapPush(0, source);
		while (this.heapSize > 0 && remaining > 0) {
			const key = this.heapKey[0];
			const u = this.heapNode[0];
			if (key >= bound) break;
			this.heapPop();
			if (doneAt[u] === epoch) continue;
			doneAt[u] = epoch;
			this.finalized[this.finalizedCount++] = u;
			if (targetAt[u] === epoch) remaining--;
			const base = key + pi[u];
			for (let a = first[u], end = first[u + 1]; a < end; a++) {
				if (cap[a] === 0) continue;
				const w = head[a];
				if (doneAt[w] === epoch) continue;
				const nd = base + cost[a] - pi[w];
				if (seenAt[w] !== epoch || nd < dist[w]) {
					seenAt[w] = epoch;
					dist[w] = nd;
					parent[w] = a;
					this.heapPush(nd, w);
				}
			}
		}
	}

	/**
	 * pi += min(dist, cap), shifted by -cap so only finalised nodes change. Keeps every
	 * residual reduced cost non-negative and makes shortest paths to the cap zero-cost.
	 */
	private raisePotentials(capDist: number): void {
		for (let i = 0; i < this.finalizedCount; i++) {
			const u = this.finalized[i];
			this.pi[u] += this.dist[u] - capDist;
		}
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

	/** Max flow from S to T over arcs of zero reduced cost (all current shortest paths), Dinic style. */
	private blockingFlow(): void {
		const { first, head, cap, level, nextArc } = this;
		const queue = this.finalized; // free until the next Dijkstra
		const stackArc = this.stackArc;
		for (;;) {
			level.fill(-1);
			level[S] = 0;
			let qh = 0;
			let qt = 0;
			queue[qt++] = S;
			while (qh < qt) {
				const u = queue[qh++];
				nextArc[u] = first[u];
				for (let a = first[u], end = first[u + 1]; a < end; a++) {
					const w = head[a];
					if (cap[a] > 0 && level[w] < 0 && this.reducedCost(a) === 0) {
						level[w] = level[u] + 1;
						queue[qt++] = w;
					}
				}
			}
			if (level[T] < 0) return;
			// Depth-first search for paths along increasing levels; every path carries one
			// unit (load arcs have capacity 1), and dead ends leave the level graph.
			let depth = 0;
			let u = S;
			for (;;) {
				if (u === T) {
					for (let i = 0; i < depth; i++) {
						this.push(stackArc[i]);
						this.totalCost += this.cost[stackArc[i]];
					}
					depth = 0;
					u = S;
					continue;
				}
				let a = nextArc[u];
				const end = first[u + 1];
				while (a < end && !(cap[a] > 0 && level[head[a]] === level[u] + 1 && this.reducedCost(a) === 0)) a++;
				nextArc[u] = a;
				if (a < end) {
					stackArc[depth++] = a;
					u = head[a];
				} else {
					level[u] = -1;
					if (depth === 0) break;
					u = this.tail[stackArc[--depth]];
					nextArc[u]++;
				}
			}
		}
	}

	/**
	 * Sends the one unit of surplus at `from` to the deficit at `to` along a shortest path,
	 * keeping potentials feasible: restores an optimal circulation after a single-arc edit.
	 */
	private reroute(from: number, to: number): void {
		this.dijkstra(from, [to], Infinity);
		if (this.doneAt[to] !== this.epoch) throw new Error('matching network: no residual path to rebalance (pins were not checked)');
		this.raisePotentials(this.dist[to]);
		for (let x = to; x !== from; ) {
			const a = this.parent[x];
			this.push(a);
			this.totalCost += this.cost[a];
			x = this.tail[a];
		}
	}

	/** Pins pair p. The caller has checked the pair is allowed and the pins stay feasible. */
	pin(p: number): void {
		const a = this.pairArc[p];
		this.pinned[p] = 1;
		if (this.cap[this.rev[a]] === 1) {
			this.cap[this.rev[a]] = 0;
			return;
		}
		// Force the unit through the frozen arc; the demand now has one unit too many and the
		// volunteer one too few, which the shortest path between them settles.
		this.cap[a] = 0;
		this.totalCost += this.cost[a];
		this.reroute(this.head[a], this.tail[a]);
	}

	unpin(p: number): void {
		const a = this.pairArc[p];
		this.pinned[p] = 0;
		const b = this.rev[a];
		if (this.cost[b] + this.pi[this.tail[b]] - this.pi[this.head[b]] >= 0) {
			this.cap[b] = 1;
			return;
		}
		// Keeping the unit would break optimality: take it out and let a shortest path decide.
		this.cap[a] = 1;
		this.totalCost -= this.cost[a];
		this.reroute(this.tail[a], this.head[a]);
	}

	/** Forbids pair p. The caller has checked it is not pinned. */
	forbid(p: number): void {
		const a = this.pairArc[p];
		this.forbidden[p] = 1;
		const flowing = this.cap[this.rev[a]] === 1;
		this.cap[a] = 0;
		this.cap[this.rev[a]] = 0;
		if (flowing) {
			this.totalCost -= this.cost[a];
			this.reroute(this.tail[a], this.head[a]);
		}
	}

	allow(p: number): void {
		const a = this.pairArc[p];
		this.forbidden[p] = 0;
		if (this.reducedCost(a) >= 0) {
			this.cap[a] = 1;
			return;
		}
		this.cap[this.rev[a]] = 1;
		this.totalCost += this.cost[a];
		this.reroute(this.head[a], this.tail[a]);
	}

	/**
	 * Shortest reduced distances from demand d to the given volunteers, without changing the
	 * solution: a path from d to v is the cheapest way to make room for the pair (d, v). Read
	 * the result with `pathCost` and `pathArcs` before the next operation.
	 */
	probeFrom(d: number, volunteers: readonly number[]): void {
		this.dijkstra(
			this.demandNode(d),
			volunteers.map((v) => this.volunteerNode(v)),
			Infinity
		);
	}

	/** Actual cost of the probed path from the probe's source to `node`, or null if unreachable. */
	pathCost(source: number, node: number): number | null {
		if (this.doneAt[node] !== this.epoch) return null;
		return this.dist[node] - this.pi[source] + this.pi[node];
	}

	/** Arcs of the probed path to `node`, described by their endpoints and residual direction. */
	pathArcs(node: number): { from: number; to: number; kind: 'pair_added' | 'pair_removed' | 'other'; pair: number }[] {
		const arcs: { from: number; to: number; kind: 'pair_added' | 'pair_removed' | 'other'; pair: number }[] = [];
		for (let x = node; this.parent[x] >= 0; ) {
			const a = this.parent[x];
			const from = this.tail[a];
			arcs.push({ from, to: x, ...this.pairOfArc(a) });
			x = from;
		}
		return arcs.reverse();
	}

	private pairOfArc(a: number): { kind: 'pair_added' | 'pair_removed' | 'other'; pair: number } {
		const nv = this.prep.instance.volunteers.length;
		const u = this.tail[a];
		const w = this.head[a];
		const isVolunteer = (x: number) => x >= 2 && x < 2 + nv;
		const isDemand = (x: number) => x >= 2 + nv;
		if (isVolunteer(u) && isDemand(w)) return { kind: 'pair_added', pair: this.prep.pairOf(w - 2 - nv, u - 2) };
		if (isDemand(u) && isVolunteer(w)) return { kind: 'pair_removed', pair: this.prep.pairOf(u - 2 - nv, w - 2) };
		return { kind: 'other', pair: -1 };
	}
}
