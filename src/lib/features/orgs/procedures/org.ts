// Helpers the organisation procedures share: loading an organisation with what the rules need,
// and the checks several of them make.
import { TRPCError } from '@trpc/server';
import type { OrgLevelCode } from '$lib/domain/vocabulary';
import { m } from '$lib/paraglide/messages';
import { can } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import { Prisma } from '$lib/server/db';
import { type AuthedContext } from '$lib/server/trpc/init';
import { fieldError } from '$lib/server/trpc/errors';
import { keepsCalendar } from '../roles';

export const orgSnapshot = {
	id: true,
	name: true,
	nameEn: true,
	level: true,
	parentId: true,
	path: true,
	districtId: true,
	rural: true,
	rooms: true,
	address: true,
	active: true
} as const;

export type Tx = Prisma.TransactionClient;

export const LEVEL_LABEL = { city: m.level_city, district: m.level_district, school: m.level_school, village_group: m.level_village_group };

/** The organisation named by the input, with the fields rules need; it must be active to change. */
export async function loadOrg(ctx: AuthedContext, orgId: string, { mustBeActive = true } = {}) {
	const org = await ctx.db.organization.findUniqueOrThrow({ where: { id: orgId }, select: orgSnapshot });
	if (mustBeActive && !org.active) throw fieldError('orgId', m.orgs_error_org_inactive({}, { locale: ctx.locale }));
	return org;
}

export function requireCalendar(ctx: AuthedContext, level: OrgLevelCode) {
	if (!keepsCalendar(level)) throw fieldError('orgId', m.orgs_error_no_calendar({}, { locale: ctx.locale }));
}

/** Deactivating or reactivating an organisation is decided one level up. */
export async function requireManageOnParent(ctx: AuthedContext, parentId: string | null) {
	const parent = parentId ? await ctx.db.organization.findUnique({ where: { id: parentId }, select: { path: true, active: true } }) : null;
	if (!parent || !can(ctx.principal, 'org.manage', parent.path)) {
		throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: org.manage' });
	}
	return parent;
}

export async function auditOrgChange(
	tx: Tx,
	actorId: string,
	before: object | undefined,
	after: { id: string; active: boolean },
	action: string
) {
	await recordAudit(tx, { actorId, orgId: after.id, entity: 'organization', entityId: after.id, action, before, after });
}
