// Test support for offerings: a fixture tree made bookable (visiting hours, a free week, a
// round on each side) and an offering ready for the menu.
import { nameInitials } from '$lib/domain/pinyin';
import type { Db } from '$lib/server/db';
import type { Tree } from '$tests/helpers/fixtures';
import type { OfferingFields } from './schemas';

export const offeringFields = (over: Partial<OfferingFields> = {}): OfferingFields => ({
	title: '红色家书里的家国情怀',
	kind: 'lecture',
	topic: 'legal',
	audience: ['junior_high'],
	minutes: 90,
	sessionCount: 1,
	offersOnline: true,
	offersOffline: true,
	perTerm: 3,
	description: '从一封封家书讲起',
	...over
});

/** Schools receive on Tuesdays and Thursdays; the veterans are free on Tuesday mornings. */
export async function makeBookable(db: Db, tree: Tree): Promise<{ volunteerB: string; roundB: string }> {
	for (const orgId of [tree.schoolA1, tree.schoolA2, tree.schoolB1]) {
		await db.visitingHours.createMany({ data: [2, 4].map((weekday) => ({ orgId, weekday, fromMinute: 8 * 60, toMinute: 17 * 60 })) });
	}
	const volunteerB = await db.volunteerProfile.create({
		data: {
			orgId: tree.districtB,
			name: '西山老专家',
			category: 'retired_expert',
			homeDistrictId: tree.districtB,
			topics: { create: [{ topic: 'legal' }] },
			languages: { create: [{ language: 'zh' }] }
		}
	});
	for (const volunteerId of [tree.volunteerA, volunteerB.id]) {
		await db.availabilitySlot.create({ data: { volunteerId, weekday: 2, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 } });
	}
	const roundB = await db.matchingRound.create({
		data: { orgId: tree.districtB, name: '2027 春季学期', fromDate: new Date('2027-02-22'), toDate: new Date('2027-07-09') }
	});
	return { volunteerB: volunteerB.id, roundB: roundB.id };
}

/** An offering already on the menu. */
export async function approvedOffering(db: Db, volunteerId: string, over: Partial<OfferingFields> = {}) {
	const f = offeringFields(over);
	const o = await db.offering.create({
		data: { ...f, audience: f.audience.join(','), titleInitials: nameInitials(f.title), volunteerId, status: 'approved' }
	});
	return o.id;
}

export const bookingFields = (over: Partial<{ windowFrom: string; windowTo: string; mode: 'online' | 'offline' }> = {}) => ({
	windowFrom: '2027-03-01',
	windowTo: '2027-03-31',
	mode: 'offline' as const,
	audience: ['junior_high' as const],
	audienceSize: 45,
	notes: '',
	...over
});
