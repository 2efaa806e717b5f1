// What the offering procedures share: the columns an offering is stored in, who may change one, and reach by travel.
import { TRPCError } from '@trpc/server';
import { nameInitials } from '$lib/domain/pinyin';
import { can } from '$lib/server/auth/authorize';
import type { Db } from '$lib/server/db';
import type { AuthedContext } from '$lib/server/trpc/init';
import type { OfferingFields } from '../schemas';

/** Invitations that hold a veteran's time. */
export const HOLDING = ['invited', 'accepted', 'confirmed'] as const;

export const offeringColumns = (f: OfferingFields) => ({
	title: f.title,
	titleInitials: nameInitials(f.title),
	kind: f.kind,
	topic: f.topic,
	audience: f.audience.join(','),
	minutes: f.minutes,
	sessionCount: f.sessionCount,
	offersOnline: f.offersOnline,
	offersOffline: f.offersOffline,
	perTerm: f.perTerm,
	description: f.description
});

export const fieldsOf = (o: {
	title: string;
	kind: string;
	topic: string;
	audience: string;
	minutes: number;
	sessionCount: number;
	offersOnline: boolean;
	offersOffline: boolean;
	perTerm: number;
	description: string;
}) =>
	({
		title: o.title,
		kind: o.kind,
		topic: o.topic,
		audience: o.audience ? o.audience.split(',') : [],
		minutes: o.minutes,
		sessionCount: o.sessionCount,
		offersOnline: o.offersOnline,
		offersOffline: o.offersOffline,
		perTerm: o.perTerm,
		description: o.description
	}) as OfferingFields;

export const withVolunteer = {
	volunteer: { select: { id: true, name: true, userId: true, org: { select: { id: true, path: true } } } }
} as const;

/** An offering the caller may change: their own, or one of a veteran in their subtree. Otherwise it does not exist. */
export async function editableOffering(ctx: AuthedContext, id: string) {
	const o = await ctx.db.offering.findUnique({ where: { id }, include: withVolunteer });
	const own = o !== null && o.volunteerId === ctx.principal.volunteerId;
	if (!o || !(own || can(ctx.principal, 'volunteer.edit', o.volunteer.org.path)))
		throw new TRPCError({ code: 'NOT_FOUND', message: 'id: no such offering' });
	return { offering: o, own };
}

/** The school's district and its travel table, to decide what an offline offering can reach. */
export async function reachOf(db: Db, schoolDistrictId: string | null) {
	const travel = await db.travelTime.findMany({
		where: schoolDistrictId ? { toId: schoolDistrictId } : { toId: '' },
		select: { fromId: true, minutes: true }
	});
	const byFrom = new Map(travel.map((t) => [t.fromId, t.minutes]));
	return (homeDistrictId: string): number | null => {
		if (!schoolDistrictId) return null;
		if (homeDistrictId === schoolDistrictId) return 0;
		return byFrom.get(homeDistrictId) ?? null;
	};
}
