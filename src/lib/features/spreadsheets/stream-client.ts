// Imports stream their progress, which needs tRPC's streaming link; every other call keeps
// the app's ordinary client (this link cannot set cookies once a stream has begun).
import { createTRPCClient, httpBatchStreamLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '$lib/server/trpc/router';

export const streamingApi = createTRPCClient<AppRouter>({
	links: [httpBatchStreamLink({ url: '/api/trpc', transformer: superjson })]
});

/** The file's bytes as base64, the way the import procedures take them. */
export function fileAsBase64(file: Blob): Promise<string> {
	return new Promise((resolve, reject) => {
		const reader = new FileReader();
		reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
		reader.onerror = () => reject(reader.error);
		reader.readAsDataURL(file);
	});
}
