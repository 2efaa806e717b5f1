// Construction and local search over the timetable.
//
// Construction: fixed sessions, then the series holding them (they must be whole), then
// every unit whose published (`previous`) starts all still fit, kept as they are; then the
// rest, most costly to leave out first and least flexible first, each at its cheapest
// candidate (a series by depth-first search over its sessions in order).
//
// Local search: ejection chains. For a unit left out, or placed above its cheapest
// candidates, plan a placement that ignores the (few, unlocked) units in the way; take those
// out, place the unit, put them back wherever is cheapest now, and keep the change only if
// the total cost fell. Every step is deterministic; effort is counted in rounds, not time.
import type { Model } from './model';
import { Timetable } from './timetable';

/** At most this many units are taken out to make room for one. */
const MAX_EJECTED = 4;
/** Alternative first placements tried per unit and round. */
const VARIANTS = 3;
const ROUNDS = 12;
/** Depth-first nodes per series placement (mandatory series get more). */
const SERIES_NODES = 200;
const MANDATORY_SERIES_NODES = 200_000;

export class Search {
	readonly tt: Timetable;
	private readonly model: Model;

	constructor(model: Model) {
		this.model = model;
		this.tt = new Timetable(model);
	}

	isPlaced(u: number): boolean {
		return this.tt.chosen[this.model.units[u].sessions[0]] >= 0;
	}

	unitCost(u: number): number {
		const { sessions, penalty } = this.model.units[u];
		if (!this.isPlaced(u)) return penalty;
		return sessions.reduce((sum, s) => sum + this.model.candidates[s].cost[this.tt.chosen[s]], 0);
	}

	/** The unit's cost if every session got its cheapest candidate (0-candidate units: left out). */
	lowerBound(u: number): number {
		const { sessions, penalty } = this.model.units[u];
		let sum = 0;
		for (const s of sessions) {
			const c = this.model.candidates[s];
			if (!c.order.length) return penalty;
			sum += c.cost[c.order[0]];
		}
		return Math.min(sum, penalty);
	}

	removeUnit(u: number): void {
		for (const s of this.model.units[u].sessions) if (this.tt.chosen[s] >= 0 && !this.model.fixed[s]) this.tt.remove(s);
	}

	/**
	 * Places the unit at its cheapest feasible placement found; false (and nothing placed) if
	 * none, or if leaving it out costs less (priority 0). Locked units are always placed.
	 */
	placeUnit(u: number, nodes = SERIES_NODES): boolean {
		const unit = this.model.units[u];
		if (unit.sessions.length === 1 && !this.model.fixed[unit.sessions[0]]) {
			const s = unit.sessions[0];
			const cand = this.model.candidates[s];
			for (const c of cand.order)
				if (this.tt.fits(s, c)) {
					if (cand.cost[c] > unit.penalty) return false;
					this.tt.place(s, c);
					return true;
				}
			return false;
		}
		const budget = { nodes };
		if (!this.placeSeries(unit.sessions, unit.gap, 0, 0, budget)) return false;
		if (!unit.locked && this.unitCost(u) > unit.penalty) {
			this.removeUnit(u);
			return false;
		}
		return true;
	}

	private placeSeries(sessions: readonly number[], gap: number, k: number, minDay: number, budget: { nodes: number }): boolean {
		if (k === sessions.length) return true;
		const s = sessions[k];
		const cand = this.model.candidates[s];
		if (this.tt.chosen[s] >= 0) {
			// A fixed session, already placed.
			const d = this.tt.day(s);
			return d >= minDay && this.placeSeries(sessions, gap, k + 1, d + gap, budget);
		}
		for (const c of cand.order) {
			if (cand.day[c] < minDay || !this.tt.fits(s, c)) continue;
			if (budget.nodes-- <= 0) return false;
			this.tt.place(s, c);
			if (this.placeSeries(sessions, gap, k + 1, cand.day[c] + gap, budget)) return true;
			this.tt.remove(s);
		}
		return false;
	}

	/** Whether two fixed starts clashed (constraints 4-6) when construction placed them. */
	fixedClash = false;

	/** Builds the first timetable; returns the locked series that could not be completed. */
	construct(): number[] {
		const m = this.model;
		const failed: number[] = [];
		m.fixed.forEach((f, s) => {
			if (!f || !m.candidates[s].order.length) return;
			const c = m.candidates[s].order[0];
			if (!this.tt.fits(s, c)) this.fixedClash = true;
			this.tt.place(s, c);
		});
		m.units.forEach((unit, u) => {
			if (unit.locked && unit.sessions.length > 1 && !this.placeUnit(u, MANDATORY_SERIES_NODES)) failed.push(u);
		});
		m.units.forEach((unit, u) => {
			if (!unit.locked) this.keepPrevious(u);
		});
		const flexibility = m.units.map((unit) => unit.sessions.reduce((sum, s) => sum + m.candidates[s].order.length, 0));
		const order = m.units
			.map((_, u) => u)
			.filter((u) => !m.units[u].locked && !this.isPlaced(u))
			.sort((a, b) => m.units[b].penalty - m.units[a].penalty || flexibility[a] - flexibility[b] || a - b);
		for (const u of order) this.placeUnit(u);
		return failed;
	}

	/** Puts a unit back at its published starts if all of them still fit, in series order. */
	private keepPrevious(u: number): void {
		const { sessions, gap } = this.model.units[u];
		let lastDay = -Infinity;
		const placed: number[] = [];
		for (const s of sessions) {
			const c = this.model.previousCandidate[s];
			const d = c >= 0 ? this.model.candidates[s].day[c] : -1;
			if (c < 0 || d < lastDay + gap || !this.tt.fits(s, c)) {
				for (const t of placed) this.tt.remove(t);
				return;
			}
			this.tt.place(s, c);
			placed.push(s);
			lastDay = d;
		}
	}

	/** Ejection-chain rounds until a round improves nothing. */
	improve(effort = 1): void {
		const m = this.model;
		const order = m.units
			.map((_, u) => u)
			.filter((u) => !m.units[u].locked)
			.sort((a, b) => m.units[b].penalty - m.units[a].penalty || a - b);
		const rounds = Math.max(1, Math.round(ROUNDS * effort));
		for (let round = 0; round < rounds; round++) {
			let improved = false;
			for (const u of order) {
				if (this.unitCost(u) <= this.lowerBound(u)) continue;
				for (let variant = 0; variant < VARIANTS; variant++)
					if (this.tryEjection(u, variant)) {
						improved = true;
						break;
					}
			}
			if (!improved) break;
		}
	}

	private snapshot(units: Iterable<number>): [number, number][] {
		const saved: [number, number][] = [];
		for (const u of units)
			for (const s of this.model.units[u].sessions) if (this.tt.chosen[s] >= 0 && !this.model.fixed[s]) saved.push([s, this.tt.chosen[s]]);
		return saved;
	}

	private tryEjection(u: number, variant: number): boolean {
		const m = this.model;
		const tt = this.tt;
		const before = tt.cost;
		const own = this.snapshot([u]);
		this.removeUnit(u);
		const ejected = new Set<number>();
		let minDay = 0;
		let skip = variant;
		const { sessions, gap } = m.units[u];
		for (const s of sessions) {
			const cand = m.candidates[s];
			let chosen = -1;
			for (const c of cand.order) {
				if (cand.day[c] < minDay) continue;
				const blocking = new Set<number>();
				let locked = false;
				for (const clash of tt.clashes(s, c)) {
					const other = m.unitOf[clash.session];
					if (m.units[other].locked) locked = true;
					else if (!ejected.has(other)) blocking.add(other);
				}
				if (locked || ejected.size + blocking.size > MAX_EJECTED) continue;
				if (s === sessions[0] && skip-- > 0) continue;
				for (const other of blocking) ejected.add(other);
				chosen = c;
				break;
			}
			if (chosen < 0) {
				for (const [t, c] of own) tt.place(t, c);
				return false;
			}
			minDay = cand.day[chosen] + gap;
		}
		const saved = this.snapshot(ejected);
		for (const other of ejected) this.removeUnit(other);
		this.placeUnit(u);
		const back = [...ejected].sort((a, b) => m.units[b].penalty - m.units[a].penalty || a - b);
		for (const other of back) this.placeUnit(other);
		if (tt.cost < before) return true;
		this.removeUnit(u);
		for (const other of ejected) this.removeUnit(other);
		for (const [t, c] of [...own, ...saved]) tt.place(t, c);
		return false;
	}
}
