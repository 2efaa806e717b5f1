// The engine's refusal: fixed starts that no timetable can honour. It names every fixed
// session involved and why, so the coordinator knows which fixed dates to revisit.
import type { Violation } from './types';

export class InfeasibleFixedError extends Error {
	override name = 'InfeasibleFixedError';
	constructor(
		/** Every fixed session involved, in instance order. */
		readonly sessions: readonly string[],
		readonly violations: readonly Violation[]
	) {
		super(`infeasible fixed sessions ${sessions.join(', ')}: ${violations.map((v) => v.reason).join('; ')}`);
	}
}
