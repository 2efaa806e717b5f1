// Reminders through the notification centre: to record a session that has ended (its seated
// volunteers) and to confirm a pending record (its school's users). Each goes once per session
// and person: a notification of that kind with that link for that person means it went. One
// pass at a time across instances: a transaction-scoped advisory lock on PostgreSQL; SQLite has
// one writer, and a pass that read before another's write fails on its stale snapshot instead
// of writing twice (the next pass sees the first one's work).
import { providerOf, type Db } from '$lib/server/db';
import { notified, notify, type NotificationInput } from '$lib/server/live/notify';

/** Older sessions and records are past reminding. */
export const REMIND_WITHIN_DAYS = 14;
const DAY = 86_400_000;

export const recordHref = (sessionId: string) => `/me/sessions/${sessionId}/record`;
export const confirmHref = (sessionId: string) => `/sessions/${sessionId}/record`;

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function lock(db: Db, tx: Tx) {
	if (providerOf(db) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('records.reminders'))`;
}

/** The wanted notifications not sent yet. Notifications about a session are written after it
 * ended or was recorded, so those since `since` are all that can match. */
async function unsent(tx: Tx, kind: string, wanted: NotificationInput[], since: Date) {
	if (!wanted.length) return [];
	const sent = await tx.notification.findMany({
		where: { kind, userId: { in: [...new Set(wanted.map((w) => w.userId))] }, createdAt: { gte: since } },
		select: { userId: true, payload: true }
	});
	const have = new Set(sent.map((n) => `${n.userId} ${(JSON.parse(n.payload) as { href?: string }).href}`));
	return wanted.filter((w) => !have.has(`${w.userId} ${w.payload.href}`));
}

/** `record.confirm_due` to the school users of pending records (all recent ones, or those of `sessionIds`). */
export async function remindToConfirm(db: Db, tx: Tx, now: Date, sessionIds?: string[]) {
	await lock(db, tx);
	const since = new Date(now.getTime() - REMIND_WITHIN_DAYS * DAY);
	const records = await tx.sessionRecord.findMany({
		where: {
			approval: 'pending',
			locked: false,
			outcome: { not: 'not_held' },
			autoApproveAt: { gt: now },
			recordedAt: { gte: since },
			...(sessionIds ? { sessionId: { in: sessionIds } } : {})
		},
		select: {
			sessionId: true,
			session: {
				select: {
					startsAt: true,
					demand: { select: { title: true } },
					org: { select: { memberships: { where: { role: 'school', active: true, user: { active: true } }, select: { userId: true } } } }
				}
			}
		}
	});
	const wanted = records.flatMap((r) =>
		r.session.org.memberships.map((m) => ({
			userId: m.userId,
			kind: 'record.confirm_due',
			payload: { href: confirmHref(r.sessionId), demandTitle: r.session.demand.title, startsAt: r.session.startsAt?.toISOString() ?? null }
		}))
	);
	const items = await unsent(tx, 'record.confirm_due', wanted, since);
	await notify(tx, items);
	return items;
}

/** `record.due` to the seated volunteers of sessions that ended unrecorded. */
async function remindToRecord(db: Db, tx: Tx, now: Date) {
	await lock(db, tx);
	const since = new Date(now.getTime() - REMIND_WITHIN_DAYS * DAY);
	const sessions = await tx.scheduledSession.findMany({
		where: { status: { in: ['accepted', 'confirmed'] }, endsAt: { lt: now, gte: since }, record: null },
		select: {
			id: true,
			startsAt: true,
			demand: { select: { title: true } },
			volunteers: { select: { volunteer: { select: { userId: true } } } }
		}
	});
	const wanted = sessions.flatMap((s) =>
		s.volunteers
			.map((v) => v.volunteer.userId)
			.filter((u): u is string => !!u)
			.map((userId) => ({
				userId,
				kind: 'record.due',
				payload: { href: recordHref(s.id), demandTitle: s.demand.title, startsAt: s.startsAt?.toISOString() ?? null }
			}))
	);
	const items = await unsent(tx, 'record.due', wanted, since);
	await notify(tx, items);
	return items;
}

/** One pass, run by the notification worker: both kinds of reminder; returns how many it sent. */
export async function remindRecordsDue(db: Db, now = new Date()): Promise<number> {
	const items = await db.$transaction(async (tx) => [...(await remindToRecord(db, tx, now)), ...(await remindToConfirm(db, tx, now))]);
	notified([...new Set(items.map((i) => i.userId))]);
	return items.length;
}
