// Record settings (auto-approval days, shortlist thresholds), inherited down the tree.
import { can } from '$lib/server/auth/authorize';
import { recordAudit } from '$lib/server/audit';
import type { Db } from '$lib/server/db';
import { authedProcedure, requireOrgPermission } from '$lib/server/trpc/init';
import { settingsInput } from '../schemas';

const DEFAULT_SETTINGS = { autoApproveDays: 7, minSessions: 6, minAverageScore: 4 };

/** The settings that apply at an organisation: its own, else the nearest ancestor's, else the defaults. */
export async function settingsFor(db: Pick<Db, 'recordSettings'>, orgPath: string) {
	const ancestors = orgPath.split('/').filter(Boolean);
	const rows = await db.recordSettings.findMany({ where: { orgId: { in: ancestors } } });
	const nearest = rows.sort((a, b) => ancestors.indexOf(b.orgId) - ancestors.indexOf(a.orgId))[0];
	return nearest
		? { autoApproveDays: nearest.autoApproveDays, minSessions: nearest.minSessions, minAverageScore: nearest.minAverageScore }
		: DEFAULT_SETTINGS;
}

export const settingsProcedures = {
	settings: authedProcedure.input(settingsInput.pick({ orgId: true })).query(async ({ ctx, input }) => {
		const org = await requireOrgPermission(ctx, 'report.view', input.orgId);
		return { ...(await settingsFor(ctx.db, org.path)), orgId: org.id, canEdit: can(ctx.principal, 'org.manage', org.path) };
	}),

	saveSettings: authedProcedure.input(settingsInput).mutation(async ({ ctx, input }) => {
		await requireOrgPermission(ctx, 'org.manage', input.orgId);
		const { orgId, ...values } = input;
		await ctx.db.$transaction(async (tx) => {
			await tx.recordSettings.upsert({ where: { orgId }, update: values, create: input });
			await recordAudit(tx, { actorId: ctx.user.id, orgId, entity: 'RecordSettings', entityId: orgId, action: 'update', after: values });
		});
		return { ok: true };
	})
};
