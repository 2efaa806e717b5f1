// Why a session has no date, as stored in `ScheduledSession.unscheduledReason` (JSON) and
// said to coordinators: the engine's day-by-day explanation, or the volunteer who declined.
import { describeExplanation, type ExplanationLocale, type UnscheduledExplanation } from './engine';

export type UnscheduledReason =
	{ kind: 'engine'; explanation: UnscheduledExplanation | null } | { kind: 'declined'; volunteerId: string; reason: string; note: string };

export function parseReason(json: string | null): UnscheduledReason | null {
	if (!json) return null;
	try {
		return JSON.parse(json) as UnscheduledReason;
	} catch {
		return null;
	}
}

/** The engine's words for an undated session; null for other reasons (the page says those). */
export function describeEngineReason(
	reason: UnscheduledReason | null,
	names: ReadonlyMap<string, string>,
	locale: ExplanationLocale
): string | null {
	if (!reason || reason.kind !== 'engine' || !reason.explanation) return null;
	return describeExplanation(reason.explanation, names, locale);
}
