// Organisation admin: the tree, each organisation's details, calendar and visiting hours,
// travel times between districts, members and invitations. Who may do what:
//   org.view      read the tree and an organisation's details (admin, coordinator, leader, school)
//   org.manage    edit name/rural/rooms/address, add children; deactivate or reactivate
//                 needs it on the parent, so nobody switches off the root of their own grant
//   calendar.edit calendar entries and visiting hours (admin, coordinator, school)
//   travel.edit   the travel-time matrix of the districts under an organisation
//   user.invite   members, invitations, deactivating memberships (admin, coordinator)
// Every grant reaches its organisation's subtree; ids outside it fail like missing ones.
import { router } from '$lib/server/trpc/init';
import { calendarProcedures } from './procedures/calendar';
import { invitationProcedures } from './procedures/invitations';
import { memberProcedures } from './procedures/members';
import { travelProcedures } from './procedures/travel';
import { treeProcedures } from './procedures/tree';
import { visitingHoursProcedures } from './procedures/visiting-hours';

export const orgsRouter = router({
	...treeProcedures,
	...calendarProcedures,
	...visitingHoursProcedures,
	...travelProcedures,
	...invitationProcedures,
	...memberProcedures
});
