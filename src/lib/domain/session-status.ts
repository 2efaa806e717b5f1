// The life of a scheduled session, in one place: which action may take a session from
// which status to which. Scheduling, the calendar, records and bookings all move sessions
// through here, so two people acting on one session see the same rules.
import type { ScheduledSessionStatus } from '$lib/server/db/generated/sqlite/enums';

export type SessionStatus = ScheduledSessionStatus;

export const SESSION_STATUSES = [
	'draft',
	'unscheduled',
	'planned',
	'accepted',
	'confirmed',
	'held',
	'not_held',
	'cancelled'
] as const satisfies readonly SessionStatus[];

export type SessionAction =
	/** The scheduler dated it (or re-dated a draft). */
	| 'date'
	/** The scheduler found no date. */
	| 'leaveUndated'
	/** The coordinator sent the timetable: volunteers are asked. */
	| 'send'
	/** Every volunteer accepted. */
	| 'accept'
	/** A volunteer declined: the seat goes back to planning. */
	| 'decline'
	/** The school confirmed. */
	| 'confirm'
	/** A re-plan or a drag gave it another date; those who had agreed are asked again. */
	| 'move'
	| 'cancel'
	| 'recordHeld'
	| 'recordNotHeld';

const transitions: Record<SessionAction, Partial<Record<SessionStatus, SessionStatus>>> = {
	date: { draft: 'draft', unscheduled: 'draft' },
	leaveUndated: {
		draft: 'unscheduled',
		unscheduled: 'unscheduled',
		planned: 'unscheduled',
		accepted: 'unscheduled',
		confirmed: 'unscheduled'
	},
	send: { draft: 'planned' },
	accept: { planned: 'accepted' },
	decline: { planned: 'unscheduled', accepted: 'unscheduled', confirmed: 'unscheduled' },
	confirm: { accepted: 'confirmed' },
	move: { planned: 'planned', accepted: 'planned', confirmed: 'planned', unscheduled: 'planned' },
	cancel: { draft: 'cancelled', unscheduled: 'cancelled', planned: 'cancelled', accepted: 'cancelled', confirmed: 'cancelled' },
	recordHeld: { accepted: 'held', confirmed: 'held' },
	recordNotHeld: { planned: 'not_held', accepted: 'not_held', confirmed: 'not_held' }
};

/** The status after `action`, or null when the action does not apply to a session in `from`. */
export function nextSessionStatus(from: SessionStatus, action: SessionAction): SessionStatus | null {
	return transitions[action][from] ?? null;
}

/** Sessions that still take up a volunteer's and a school's time. */
export const ACTIVE_SESSION_STATUSES = ['draft', 'planned', 'accepted', 'confirmed'] as const satisfies readonly SessionStatus[];

/** Sessions that count in the figures once recorded. */
export const FINISHED_SESSION_STATUSES = ['held', 'not_held'] as const satisfies readonly SessionStatus[];
