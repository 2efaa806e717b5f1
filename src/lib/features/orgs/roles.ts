// Which roles may be granted where, and by whom. Schools' staff belong on schools, bureau
// staff on bureaus; only an admin hands out admin rights.
import type { OrgLevelCode, RoleCode } from '$lib/domain/vocabulary';
import { ROLES } from '$lib/domain/vocabulary';
import type { Principal } from '$lib/server/auth/authorize';

export const ROLE_LEVELS: Record<RoleCode, readonly OrgLevelCode[]> = {
	admin: ['city'],
	coordinator: ['city', 'district'],
	leader: ['city', 'district'],
	school: ['school', 'village_group'],
	volunteer: ['city', 'district', 'school']
};

export const isAdminOver = (principal: Principal, orgPath: string) =>
	principal.grants.some((g) => g.role === 'admin' && orgPath.startsWith(g.path));

export const roleFitsLevel = (role: RoleCode, level: OrgLevelCode) => ROLE_LEVELS[role].includes(level);

/** The roles this principal may invite people to on the organisation (given 'user.invite' there). */
export function invitableRoles(principal: Principal, org: { path: string; level: OrgLevelCode }): RoleCode[] {
	return ROLES.filter((role) => roleFitsLevel(role, org.level) && (role !== 'admin' || isAdminOver(principal, org.path)));
}

/** Calendar and visiting hours are kept by schools and village groups. */
export const keepsCalendar = (level: OrgLevelCode) => level === 'school' || level === 'village_group';
