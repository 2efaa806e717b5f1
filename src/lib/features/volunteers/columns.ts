// How a profile's form fields are stored, and what the audit log keeps of a profile: shared by
// the volunteers procedures and the spreadsheet import.
import { nameInitials } from '$lib/domain/pinyin';
import type { ProfileFields } from './schemas';

/** The stored columns of a profile's fields. */
export function profileColumns(f: ProfileFields) {
	return {
		name: f.name,
		nameInitials: nameInitials(f.name),
		phone: f.phone,
		category: f.category,
		offersOnline: f.offersOnline,
		offersOffline: f.offersOffline,
		homeDistrictId: f.homeDistrictId,
		maxTravelMinutes: f.maxTravelMinutes,
		monthlyCapacity: f.monthlyCapacity,
		offer: f.offer,
		bio: f.bio
	};
}

/** What the audit log keeps of a profile. */
export const profileAuditView = (p: {
	name: string;
	phone: string | null;
	category: string;
	offersOnline: boolean;
	offersOffline: boolean;
	homeDistrictId: string;
	maxTravelMinutes: number;
	monthlyCapacity: number;
}) => ({
	name: p.name,
	phone: p.phone,
	category: p.category,
	offersOnline: p.offersOnline,
	offersOffline: p.offersOffline,
	homeDistrictId: p.homeDistrictId,
	maxTravelMinutes: p.maxTravelMinutes,
	monthlyCapacity: p.monthlyCapacity
});
