// Server-side loads call the same procedures as the browser, with the same checks.
import { error, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { contextOf } from './context';
import { createCallerFactory } from './init';
import { appRouter } from './router';

const createCaller = createCallerFactory(appRouter);

export function serverCaller(event: RequestEvent) {
	return createCaller(contextOf(event));
}

/** Runs a call for a page load, turning API refusals into the matching HTTP error page. */
export async function loadOrError<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (e) {
		// An unexpected failure stays a 500 whose details only the server log sees.
		if (e instanceof TRPCError && e.code !== 'INTERNAL_SERVER_ERROR') error(getHTTPStatusCodeFromError(e), e.message);
		throw e;
	}
}
