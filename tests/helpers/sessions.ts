// Dated sessions for calendar, feed and reminder tests, made directly in the database the
// way the scheduling feature leaves them (a demand, its session, the volunteers' seats).
import type { Db } from '../../src/lib/server/db';
import type { Tree } from './fixtures';

export interface SessionSpec {
	/** A Shanghai wall-clock time such as '2027-03-10T09:00' (stored as the UTC instant). */
	startsAt: string;
	minutes?: number;
	schoolId?: string;
	status?: 'planned' | 'accepted' | 'confirmed' | 'held' | 'not_held' | 'cancelled' | 'draft';
	volunteerIds?: string[];
	title?: string;
	kind?: 'lecture' | 'mentoring' | 'alumni_visit' | 'craftsman_visit' | 'tutoring' | 'parent_school' | 'principal_to_countryside';
	topic?: string;
	seriesIndex?: number;
	sessionCount?: number;
	demandId?: string;
}

export const shanghai = (wallClock: string) => new Date(`${wallClock}:00+08:00`);

export async function createSession(db: Db, tree: Tree, spec: SessionSpec) {
	const orgId = spec.schoolId ?? tree.schoolA1;
	const startsAt = shanghai(spec.startsAt);
	const minutes = spec.minutes ?? 90;
	const demandId =
		spec.demandId ??
		(
			await db.demand.create({
				data: {
					orgId,
					roundId: tree.roundId,
					kind: spec.kind ?? 'lecture',
					title: spec.title ?? '法治教育进课堂',
					topic: spec.topic ?? 'legal',
					windowFrom: new Date('2027-01-01'),
					windowTo: new Date('2027-12-31'),
					sessionCount: spec.sessionCount ?? 1,
					sessionMinutes: minutes,
					status: 'scheduled'
				}
			})
		).id;
	return db.scheduledSession.create({
		data: {
			roundId: tree.roundId,
			demandId,
			orgId,
			startsAt,
			endsAt: new Date(startsAt.getTime() + minutes * 60_000),
			status: spec.status ?? 'accepted',
			seriesIndex: spec.seriesIndex ?? 0,
			volunteers: { create: (spec.volunteerIds ?? [tree.volunteerA]).map((volunteerId) => ({ volunteerId })) }
		}
	});
}
