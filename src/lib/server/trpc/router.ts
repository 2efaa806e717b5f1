// The application's API: one router per feature, merged here.
import { auditRouter } from '$lib/features/audit/router';
import { authRouter } from '$lib/features/auth/router';
import { boardRouter } from '$lib/features/board/router';
import { demandsRouter } from '$lib/features/demands/router';
import { offeringsRouter } from '$lib/features/offerings/router';
import { recordsRouter, reportsRouter } from '$lib/features/records/router';
import { orgsRouter } from '$lib/features/orgs/router';
import { roundsRouter } from '$lib/features/rounds/router';
import { schedulingRouter } from '$lib/features/scheduling/router';
import { spreadsheetsRouter } from '$lib/features/spreadsheets/router';
import { volunteersRouter } from '$lib/features/volunteers/router';
import { calendarRouter } from '$lib/features/calendar/router';
import { liveRouter } from '$lib/features/live/router';
import { homeRouter } from '$lib/features/home/router';
import { notificationsRouter } from '$lib/features/notifications/router';
import { router } from './init';

export const appRouter = router({
	auth: authRouter,
	orgs: orgsRouter,
	board: boardRouter,
	demands: demandsRouter,
	volunteers: volunteersRouter,
	audit: auditRouter,
	spreadsheets: spreadsheetsRouter,
	offerings: offeringsRouter,
	records: recordsRouter,
	reports: reportsRouter,
	calendar: calendarRouter,
	notifications: notificationsRouter,
	live: liveRouter,
	home: homeRouter,
	rounds: roundsRouter,
	scheduling: schedulingRouter
});

export type AppRouter = typeof appRouter;
