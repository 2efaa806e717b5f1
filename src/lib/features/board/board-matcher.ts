// Keeps the matching engine's optimum in step with a board: hand-placed cards are pins,
// forbidden pairs are forbidden, and each edit is applied incrementally (pin, unpin, forbid,
// allow) instead of solving again. Auto-match and the "who fits this need" panel read it.
//
// A hand placement the engine cannot honour (not eligible, or beyond seats or capacity)
// stays on the board as the coordinator's decision: it is "held back" — the seat and the
// capacity it really uses are taken out of the instance — so auto-match never fills that
// seat twice. Changing what is held back rebuilds the engine; everything else is incremental.
import { InfeasiblePinsError, type PinProblem } from '$lib/features/matching/errors';
import type { Candidate, PairExplanation } from '$lib/features/matching/explain';
import { Matcher } from '$lib/features/matching/matcher';
import type { Pair } from '$lib/features/matching/types';
import type { Placement } from './doc';
import { instanceFromBoard, type BoardMatchingInput } from '$lib/features/matching/board-adapter';

/** What the engine needs to know about a board, besides its placements. */
export type BoardSource = Omit<BoardMatchingInput, 'pinned' | 'forbidden'>;

const keyOf = (d: string, v: string) => `${d}|${v}`;

export class BoardMatcher {
	private matcher!: Matcher;
	private pins = new Set<string>();
	private forbidden = new Set<string>();
	/** Hand placements held back from the engine, with why. */
	private held = new Map<string, { pair: Pair; problems: PinProblem[] }>();
	private readonly demandIds: ReadonlySet<string>;
	private readonly volunteerIds: ReadonlySet<string>;

	constructor(
		private readonly source: BoardSource,
		placements: Iterable<Placement>,
		forbidden: Iterable<string>
	) {
		this.demandIds = new Set(source.demands.map((d) => d.id));
		this.volunteerIds = new Set(source.volunteers.map((v) => v.id));
		this.sync(placements, forbidden, true);
	}

	/** Brings pins and bans in line with the board, touching only what changed. */
	sync(placements: Iterable<Placement>, forbidden: Iterable<string>, rebuild = false): void {
		const wantedPins = new Map<string, Pair>();
		for (const p of placements) {
			if (p.pinned && this.known(p.demandId, p.volunteerId)) wantedPins.set(keyOf(p.demandId, p.volunteerId), [p.demandId, p.volunteerId]);
		}
		const wantedForbidden = new Set([...forbidden].filter((k) => !wantedPins.has(k)));
		if (rebuild || [...this.held.keys()].some((k) => !wantedPins.has(k))) {
			this.rebuild(wantedPins, wantedForbidden);
			return;
		}

		for (const k of [...this.pins]) {
			if (wantedPins.has(k)) continue;
			const [d, v] = k.split('|');
			this.matcher.unpin(d, v);
			this.pins.delete(k);
		}
		for (const k of [...this.forbidden]) {
			if (wantedForbidden.has(k)) continue;
			const [d, v] = k.split('|');
			this.matcher.allow(d, v);
			this.forbidden.delete(k);
		}
		for (const k of wantedForbidden) {
			if (this.forbidden.has(k)) continue;
			const [d, v] = k.split('|');
			this.matcher.forbid(d, v);
			this.forbidden.add(k);
		}
		const failed = this.pinAll(wantedPins);
		if (failed.size) this.rebuild(wantedPins, wantedForbidden, failed);
	}

	/** The optimum with every honourable hand placement kept. */
	proposal(): { assignments: readonly Pair[]; objective: number } {
		return this.matcher.solve();
	}

	/** Hand placements the engine had to hold back, each with the broken rule. */
	get rejectedPins(): PinProblem[] {
		return [...this.held.values()].flatMap((h) => h.problems);
	}

	topCandidates(demandId: string, k: number): Candidate[] {
		return this.demandIds.has(demandId) ? this.matcher.topCandidates(demandId, k) : [];
	}

	explain(demandId: string, volunteerId: string): PairExplanation | null {
		return this.known(demandId, volunteerId) ? this.matcher.explainPair(demandId, volunteerId) : null;
	}

	private known(demandId: string, volunteerId: string): boolean {
		return this.demandIds.has(demandId) && this.volunteerIds.has(volunteerId);
	}

	/** Pins what is not pinned yet; returns the ones the engine refused, with why. */
	private pinAll(wanted: ReadonlyMap<string, Pair>): Map<string, { pair: Pair; problems: PinProblem[] }> {
		const failed = new Map<string, { pair: Pair; problems: PinProblem[] }>();
		for (const [k, pair] of wanted) {
			if (this.pins.has(k) || this.held.has(k)) continue;
			try {
				this.matcher.pin(pair[0], pair[1]);
				this.pins.add(k);
			} catch (e) {
				if (!(e instanceof InfeasiblePinsError)) throw e;
				failed.set(k, { pair, problems: [...e.problems] });
			}
		}
		return failed;
	}

	/**
	 * Solves afresh with the held-back placements' seats and capacity taken out. Holding one
	 * back can leave a neighbour without room, so repeat until every pin is placed or held.
	 */
	private rebuild(
		wantedPins: ReadonlyMap<string, Pair>,
		wantedForbidden: ReadonlySet<string>,
		newlyHeld = new Map<string, { pair: Pair; problems: PinProblem[] }>()
	): void {
		const held = new Map([...this.held].filter(([k]) => wantedPins.has(k)));
		for (const [k, h] of newlyHeld) held.set(k, h);
		for (;;) {
			const seats = new Map<string, number>();
			const capacity = new Map<string, number>();
			// A held placement uses its seat unless it is itself the surplus on a full need, and
			// its volunteer's capacity unless it is itself beyond that capacity.
			for (const { pair, problems } of held.values()) {
				if (!problems.some((p) => p.kind === 'over_seats')) seats.set(pair[0], (seats.get(pair[0]) ?? 0) + 1);
				if (!problems.some((p) => p.kind === 'over_capacity')) capacity.set(pair[1], (capacity.get(pair[1]) ?? 0) + 1);
			}
			const forbidden = [...wantedForbidden].map((k) => {
				const [demandId, volunteerId] = k.split('|');
				return { demandId, volunteerId };
			});
			const base = instanceFromBoard({ ...this.source, pinned: [], forbidden });
			this.matcher = new Matcher({
				...base,
				demands: base.demands.map((d) => ({ ...d, seats: Math.max(0, d.seats - (seats.get(d.id) ?? 0)) })),
				volunteers: base.volunteers.map((v) => ({ ...v, capacity: Math.max(0, v.capacity - (capacity.get(v.id) ?? 0)) }))
			});
			this.forbidden = new Set(wantedForbidden);
			this.pins = new Set();
			this.held = held;
			const failed = this.pinAll(wantedPins);
			if (!failed.size) return;
			for (const [k, h] of failed) held.set(k, h);
		}
	}
}

/**
 * Auto-match for some needs only: every placement outside them is held fixed, so the
 * result never takes a volunteer past capacity elsewhere on the board.
 */
export function proposeFor(
	source: BoardSource,
	placements: readonly Placement[],
	forbidden: Iterable<string>,
	demandIds: ReadonlySet<string>
): { assignments: readonly Pair[]; rejected: PinProblem[] } {
	const fixed = placements.map((p) => (demandIds.has(p.demandId) ? p : { ...p, pinned: true }));
	const matcher = new BoardMatcher(source, fixed, forbidden);
	return {
		assignments: matcher.proposal().assignments.filter(([d]) => demandIds.has(d)),
		rejected: matcher.rejectedPins.filter((p) => ('pair' in p ? demandIds.has(p.pair[0]) : 'demandId' in p && demandIds.has(p.demandId)))
	};
}
