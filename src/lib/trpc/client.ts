// The one typed client pages use to call the API. Subscriptions (the live stream) go over
// server-sent events; everything else is batched HTTP.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '$lib/server/trpc/router';
import { m } from '$lib/paraglide/messages';
import type { FieldError } from '$lib/validation/issues';

export const api = createTRPCClient<AppRouter>({
	links: [
		splitLink({
			condition: (op) => op.type === 'subscription',
			true: httpSubscriptionLink({ url: '/api/trpc', transformer: superjson }),
			false: httpBatchLink({ url: '/api/trpc', transformer: superjson })
		})
	]
});

/** Field errors of a failed call, when the server named the fields. */
export function fieldErrorsOf(error: unknown): FieldError[] {
	if (error instanceof TRPCClientError) {
		const data = error.data as { fieldErrors?: FieldError[] | null } | undefined;
		return data?.fieldErrors ?? [];
	}
	return [];
}

export function errorMessageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * The one sentence for a failed call that names no field: refusals say so, anything else
 * shows the server's message (for unexpected errors a generic one with a reference to quote).
 */
export function describeFailure(error: unknown): string {
	if (!(error instanceof TRPCClientError)) return m.error_generic({ message: String(error) });
	const code = (error.data as { code?: string } | undefined)?.code;
	if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') return m.error_forbidden();
	return m.error_generic({ message: error.message });
}
