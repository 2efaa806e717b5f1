// Keeps the matching engine's optimum in step with a board: hand-placed cards are pins,
// forbidden pairs are forbidden, and each edit is applied incrementally (pin, unpin, forbid,
// allow) instead of solving again. Auto-match and the "who fits this need" panel read it.
import { InfeasiblePinsError, type PinProblem } from '$lib/features/matching/errors';
import { Matcher } from '$lib/features/matching/matcher';
import type { Candidate, PairExplanation } from '$lib/features/matching/explain';
import type { Pair } from '$lib/features/matching/types';
import type { Placement } from './doc';
import { buildMatchingInstance, type BoardSource } from './matching-instance';

const key = (d: string, v: string) => `${d}|${v}`;

export class BoardMatcher {
	private readonly matcher: Matcher;
	private pins = new Set<string>();
	private forbidden = new Set<string>();
	/** Hand placements the engine cannot honour (not eligible, over seats or capacity), with why. */
	private rejected = new Map<string, PinProblem[]>();
	private readonly demandIds: ReadonlySet<string>;
	private readonly volunteerIds: ReadonlySet<string>;

	constructor(source: BoardSource, placements: Iterable<Placement>, forbidden: Iterable<string>) {
		this.matcher = new Matcher(buildMatchingInstance(source, [], []));
		this.demandIds = new Set(source.demands.map((d) => d.id));
		this.volunteerIds = new Set(source.volunteers.map((v) => v.id));
		this.sync(placements, forbidden);
	}

	/** Brings pins and bans in line with the board, touching only what changed. */
	sync(placements: Iterable<Placement>, forbidden: Iterable<string>): void {
		const wantedPins = new Map<string, Pair>();
		for (const p of placements) if (p.pinned) wantedPins.set(key(p.demandId, p.volunteerId), [p.demandId, p.volunteerId]);
		const wantedForbidden = new Set(forbidden);

		for (const k of this.pins) {
			if (wantedPins.has(k)) continue;
			const [d, v] = k.split('|');
			this.matcher.unpin(d, v);
			this.pins.delete(k);
		}
		for (const k of [...this.rejected.keys()]) if (!wantedPins.has(k)) this.rejected.delete(k);
		for (const k of this.forbidden) {
			if (wantedForbidden.has(k)) continue;
			const [d, v] = k.split('|');
			this.safely(() => this.matcher.allow(d, v));
			this.forbidden.delete(k);
		}
		for (const k of wantedForbidden) {
			if (this.forbidden.has(k) || wantedPins.has(k)) continue;
			const [d, v] = k.split('|');
			this.safely(() => this.matcher.forbid(d, v));
			this.forbidden.add(k);
		}
		for (const [k, [d, v]] of wantedPins) {
			if (this.pins.has(k) || this.rejected.has(k)) continue;
			try {
				this.matcher.pin(d, v);
				this.pins.add(k);
			} catch (e) {
				if (e instanceof InfeasiblePinsError) this.rejected.set(k, [...e.problems]);
				else if (!this.isUnknown(d, v)) throw e;
			}
		}
	}

	/** The optimum with every honourable hand placement kept. */
	proposal(): { assignments: readonly Pair[]; objective: number } {
		return this.matcher.solve();
	}

	/** Hand placements the engine had to leave out, each with the broken rule. */
	get rejectedPins(): PinProblem[] {
		return [...this.rejected.values()].flat();
	}

	topCandidates(demandId: string, k: number): Candidate[] {
		return this.isKnownDemand(demandId) ? this.matcher.topCandidates(demandId, k) : [];
	}

	explain(demandId: string, volunteerId: string): PairExplanation | null {
		return this.isUnknown(demandId, volunteerId) ? null : this.matcher.explainPair(demandId, volunteerId);
	}

	private isKnownDemand(demandId: string): boolean {
		return this.demandIds.has(demandId);
	}

	private isUnknown(demandId: string, volunteerId: string): boolean {
		return !this.demandIds.has(demandId) || !this.volunteerIds.has(volunteerId);
	}

	private safely(op: () => void) {
		try {
			op();
		} catch (e) {
			if (!(e instanceof InfeasiblePinsError)) throw e;
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
	const held = placements.map((p) => (demandIds.has(p.demandId) ? p : { ...p, pinned: true }));
	const matcher = new BoardMatcher(source, held, forbidden);
	return { assignments: matcher.proposal().assignments.filter(([d]) => demandIds.has(d)), rejected: matcher.rejectedPins };
}
