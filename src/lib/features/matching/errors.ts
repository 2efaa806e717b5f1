// The engine's two ways to refuse: input that does not describe an instance (a programming
// or data error), and pins that no solution can honour (a coordinator's decision to revisit).
// Both messages name the pair or id and the broken rule, in English for logs and the CLI;
// the board translates the structured `problems` itself.
import type { RuleFailure } from './eligibility';
import type { Pair } from './types';

export class MatchingInputError extends Error {
	override name = 'MatchingInputError';
}

export type PinProblem =
	| { readonly kind: 'duplicate'; readonly pair: Pair }
	| { readonly kind: 'ineligible'; readonly pair: Pair; readonly failures: readonly RuleFailure[] }
	| { readonly kind: 'over_seats'; readonly demandId: string; readonly seats: number; readonly pinned: readonly Pair[] }
	| {
			readonly kind: 'over_capacity';
			readonly volunteerId: string;
			readonly capacity: number;
			readonly pinned: readonly Pair[];
	  };

export class InfeasiblePinsError extends Error {
	override name = 'InfeasiblePinsError';
	constructor(readonly problems: readonly PinProblem[]) {
		super(`infeasible pins: ${problems.map(describePinProblem).join('; ')}`);
	}
}

const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');
export const formatPair = ([d, v]: Pair) => `(${d}, ${v})`;

export function describeFailure(f: RuleFailure): string {
	switch (f.rule) {
		case 'topic':
			return `topic "${f.topic}" is not among the volunteer's topics (${list(f.offered)})`;
		case 'language':
			return `language "${f.language}" is not among the volunteer's languages (${list(f.spoken)})`;
		case 'mode':
			return `demand mode "${f.demandMode}" does not fit the volunteer's modes (${list(f.volunteerModes)})`;
		case 'travel':
			return f.minutes === null
				? `no known travel time and the volunteer does not serve this demand online`
				: `travel of ${f.minutes} min exceeds the volunteer's limit of ${f.limit} min`;
		case 'forbidden':
			return 'the pair is forbidden';
	}
}

export function describePinProblem(p: PinProblem): string {
	switch (p.kind) {
		case 'duplicate':
			return `pinned pair ${formatPair(p.pair)} is listed twice`;
		case 'ineligible':
			return `pinned pair ${formatPair(p.pair)} is not eligible: ${p.failures.map(describeFailure).join(', ')}`;
		case 'over_seats':
			return `demand ${p.demandId} has ${p.pinned.length} pinned volunteers (${p.pinned.map((q) => q[1]).join(', ')}) but ${p.seats} seat(s)`;
		case 'over_capacity':
			return `volunteer ${p.volunteerId} has ${p.pinned.length} pinned demands (${p.pinned.map((q) => q[0]).join(', ')}) but capacity ${p.capacity}`;
	}
}
