// What the organisation admin pages receive, as the API returns it.
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '$lib/server/trpc/router';

type Out = inferRouterOutputs<AppRouter>['orgs'];
export type TreeOrg = Out['tree'][number];
export type OrgDetail = Out['detail'];
export type Member = Out['members'][number];
export type PendingInvitation = Out['invitations'][number];
export type TravelMatrix = Out['travelMatrix'];
export type InvitationInfo = NonNullable<Out['invitation']>;
