// Which roles may do what. The server checks these on the organisation tree
// (src/lib/server/auth/authorize.ts); pages ask the same table which links and actions to
// offer, so a role never sees a link that would lead to a refusal.
import type { RoleCode } from './vocabulary';

export const PERMISSIONS = {
	'org.view': ['admin', 'coordinator', 'leader', 'school'],
	'org.manage': ['admin', 'coordinator'],
	'user.invite': ['admin', 'coordinator'],
	// A school knows its own terms and visiting hours best.
	'calendar.edit': ['admin', 'coordinator', 'school'],
	// Travel times span districts, so only a grant above them all can edit them.
	'travel.edit': ['admin', 'coordinator'],
	'demand.view': ['admin', 'coordinator', 'leader', 'school'],
	'demand.edit': ['admin', 'coordinator', 'school'],
	'pupil.view': ['school'],
	'volunteer.view': ['admin', 'coordinator', 'leader'],
	'volunteer.edit': ['admin', 'coordinator'],
	'leave.approve': ['admin', 'coordinator'],
	'board.view': ['admin', 'coordinator', 'leader'],
	'board.edit': ['admin', 'coordinator'],
	'round.manage': ['admin', 'coordinator'],
	// The school that hosts a session confirms it or asks for another date.
	'session.confirm': ['school'],
	'report.view': ['admin', 'coordinator', 'leader'],
	// Booking from the resource menu (约课) is a school's own request.
	'offering.book': ['school'],
	// Recording a session: the school records and confirms; coordinators observe and correct.
	'record.write': ['admin', 'coordinator', 'school'],
	'record.confirm': ['admin', 'school'],
	'record.correct': ['admin', 'coordinator'],
	'audit.view': ['admin', 'coordinator']
} as const satisfies Record<string, readonly RoleCode[]>;

export type Action = keyof typeof PERMISSIONS;

/** Does any of these roles allow `action` somewhere (for what a page offers; the server still decides per organisation)? */
export function rolesMay(roles: readonly RoleCode[], action: Action): boolean {
	const allowed: readonly RoleCode[] = PERMISSIONS[action];
	return roles.some((r) => allowed.includes(r));
}
