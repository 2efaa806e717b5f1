// One session as a .ics file (添加到手机日历), for the signed-in person who can see it.
import { error } from '@sveltejs/kit';
import { describeSession } from '$lib/features/calendar/describe';
import { sessionsToIcs } from '$lib/features/calendar/ics';
import { findVisibleSession } from '$lib/features/calendar/sessions';
import { loadPrincipal } from '$lib/server/auth/authorize';
import { getDb } from '$lib/server/db';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals, url }) => {
	if (!locals.user) error(401, 'Not signed in');
	const db = getDb();
	const session = await findVisibleSession(db, await loadPrincipal(db, locals.user.id), params.id.replace(/\.ics$/, ''));
	if (!session) error(404, 'Not found');
	const locale = getLocale() === 'en' ? 'en' : 'zh';
	const body = sessionsToIcs([session], {
		name: session.title,
		origin: url.origin,
		describe: (s) => describeSession(s, locale),
		method: 'publish'
	});
	return new Response(body, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="session-${session.id}.ics"` }
	});
};
