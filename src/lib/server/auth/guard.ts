// Pages and downloads that need a signed-in user send everyone else to the sign-in page,
// which brings them back where they were going.
import { redirect } from '@sveltejs/kit';

export function requireSignIn(event: { locals: App.Locals; url: URL }, next = event.url.pathname + event.url.search) {
	if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(next)}`);
	return event.locals.user;
}
