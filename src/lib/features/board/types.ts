import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '$lib/server/trpc/router';

export type BoardData = inferRouterOutputs<AppRouter>['board']['open'];
