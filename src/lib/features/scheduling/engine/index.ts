// The scheduling engine's public API (pure TypeScript, no I/O). The batch format (zod) is
// re-exported for the app's adapter, which builds instances from the database.
export type * from './types';
export {
	INSTANCE_FORMAT,
	RESULT_FORMAT,
	SchedulingFormatError,
	parseInstance,
	parseResult,
	toInstanceDocument,
	toResultDocument,
	type FormatIssue,
	type ResultDocument
} from './format';
export { schedule } from './schedule';
export { checkPlacements, costOf } from './check';
export { InfeasibleFixedError } from './errors';
export { describeExplanation, type ExplanationLocale } from './describe';
