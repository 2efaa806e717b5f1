// The one typed client pages use to call the API. Subscriptions (the live stream) go over
// server-sent events; everything else is batched HTTP.
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '$lib/server/trpc/router';
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
