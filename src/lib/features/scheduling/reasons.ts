// Why a session has no date, as stored in `ScheduledSession.unscheduledReason` (JSON) and
// said to coordinators: the engine's day-by-day explanation, or the volunteer who declined.
import { m } from '$lib/paraglide/messages';
import { describeExplanation, type ExplanationLocale, type UnscheduledExplanation } from './engine';
import { DECLINE_REASONS, type DeclineReason } from './schemas';

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

/** A stored decline reason (`code` or `code: note`) in the reader's words. */
export function declineReasonText(stored: string | null, locale: ExplanationLocale): string {
	if (!stored) return '';
	const at = stored.indexOf(': ');
	const code = at < 0 ? stored : stored.slice(0, at);
	const note = at < 0 ? '' : stored.slice(at + 2);
	const label = (DECLINE_REASONS as readonly string[]).includes(code) ? declineLabel[code as DeclineReason]({}, { locale }) : code;
	return note ? `${label}：${note}` : label;
}

const declineLabel: Record<DeclineReason, (inputs: Record<string, never>, options: { locale: ExplanationLocale }) => string> = {
	busy: m.sched_reason_busy,
	health: m.sched_reason_health,
	travel: m.sched_reason_travel,
	topic: m.sched_reason_topic,
	family: m.sched_reason_family,
	other: m.sched_reason_other
};
