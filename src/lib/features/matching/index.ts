// The matching engine's public API. Browser code that only needs pair rules (the board's
// live validation) should import './eligibility' directly; the batch format (zod) lives in
// './format' and is not re-exported here.
export type * from './types';
export {
	REFERENCE_WEIGHTS,
	assessPair,
	pairScore,
	loadCost,
	marginalLoadCost,
	type OptionAssessment,
	type PairAssessment,
	type Rule,
	type RuleFailure,
	type ScoreTerms
} from './eligibility';
export { InfeasiblePinsError, MatchingInputError, describeFailure, describePinProblem, type PinProblem } from './errors';
export { Matcher, solveMatching, type MatcherOptions } from './matcher';
export type { Candidate, PairExplanation } from './explain';
export { objectiveOf, validateAssignment, type Violation } from './evaluate';
export {
	boardMinutes,
	demandFromBoard,
	instanceFromBoard,
	volunteerFromBoard,
	UNKNOWN_DISTRICT,
	type BoardMatchingInput
} from './board-adapter';
