// Calls the real tRPC router as a fixture user, the way a signed-in browser would.
import type { Db } from '../../src/lib/server/db';
import { createCallerFactory } from '../../src/lib/server/trpc/init';
import { appRouter } from '../../src/lib/server/trpc/router';
import type { Locale } from '../../src/lib/validation/issues';

const createCaller = createCallerFactory(appRouter);

export async function callerAs(db: Db, username: string, locale: Locale = 'zh') {
	const u = await db.user.findUniqueOrThrow({ where: { username } });
	return createCaller({ db, locale, user: { id: u.id, username, displayName: u.displayName, locale }, sessionId: null, ip: '127.0.0.1' });
}
