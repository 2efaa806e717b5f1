// The resource menu (资源菜单) and booking (约课). Veterans keep their offerings, or a
// coordinator keeps them for them; a coordinator's review puts an offering on the menu.
// A school browses what it may book — online, or offline within the veteran's travel — and
// books it: that makes a need already tied to the veteran, an invitation they answer like
// any other, kept off the board's lanes so auto-match never moves it.
import { router } from '$lib/server/trpc/init';
import { bookingProcedures } from './procedures/booking';
import { editProcedures } from './procedures/edit';
import { menuProcedures } from './procedures/menu';
import { reviewProcedures } from './procedures/review';
import { substituteProcedures } from './procedures/substitutes';

export const offeringsRouter = router({
	...editProcedures,
	...reviewProcedures,
	...menuProcedures,
	...bookingProcedures,
	...substituteProcedures
});
