// A round the caller may act on, for the rounds and scheduling routers. A round outside the
// caller's reach is refused exactly like a missing one, so probing ids leaks nothing.
import { TRPCError } from '@trpc/server';
import type { Db } from '../db';
import { can, type Action, type Principal } from './authorize';

export async function requireRound(db: Db, principal: Principal, roundId: string, action: Action) {
	const round = await db.matchingRound.findUnique({
		where: { id: roundId },
		include: { org: { select: { id: true, name: true, path: true } } }
	});
	if (!round || !can(principal, action, round.org.path)) {
		throw new TRPCError({ code: 'NOT_FOUND', message: 'roundId: no such round' });
	}
	return round;
}
