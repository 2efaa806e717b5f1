// Reminders 7 days and 1 day before each accepted (or confirmed) session, from a durable
// queue in the database. Jobs are written well ahead, so a restart loses none; a job is
// claimed before it is sent (FOR UPDATE SKIP LOCKED on PostgreSQL, a conditional update on
// SQLite) and finished in the same transaction that writes the notification, so several
// instances never send one twice. A claim left by a crashed instance expires and is retaken.
import { Prisma, providerOf, type Db } from '$lib/server/db';
import { notified, notify, type NotificationInput } from '$lib/server/live/notify';

export const REMINDER_DAYS = [7, 1] as const;
const DAY = 86_400_000;
/** How far ahead jobs are written: long before any of them is due. */
export const ENQUEUE_AHEAD_DAYS = 30;
/** A claim older than this belongs to an instance that died before finishing. */
export const CLAIM_EXPIRES_MS = 5 * 60_000;
const REMINDED_STATUSES = ['accepted', 'confirmed'] as const;

interface Recipient {
	sessionId: string;
	userId: string;
	startsAt: Date;
}

async function recipients(db: Db, now: Date): Promise<Recipient[]> {
	const sessions = await db.scheduledSession.findMany({
		where: { status: { in: [...REMINDED_STATUSES] }, startsAt: { gt: now, lte: new Date(now.getTime() + ENQUEUE_AHEAD_DAYS * DAY) } },
		select: {
			id: true,
			startsAt: true,
			volunteers: { select: { volunteer: { select: { userId: true } } } },
			org: { select: { memberships: { where: { role: 'school', active: true, user: { active: true } }, select: { userId: true } } } }
		}
	});
	return sessions.flatMap((s) => {
		const users = new Set([...s.volunteers.map((v) => v.volunteer.userId), ...s.org.memberships.map((m) => m.userId)]);
		return [...users].filter((u): u is string => !!u).map((userId) => ({ sessionId: s.id, userId, startsAt: s.startsAt! }));
	});
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/** Writes the jobs that are missing; returns how many it wrote. */
export async function enqueueReminders(db: Db, now = new Date()): Promise<number> {
	const wanted = (await recipients(db, now)).flatMap((r) =>
		REMINDER_DAYS
			// A reminder whose moment has gone (a session accepted three days ahead gets no
			// "in a week") is not written; the 1-day one stays while the session is ahead.
			.filter((d) => r.startsAt.getTime() - now.getTime() > (d - 1) * DAY)
			.map((daysBefore) => ({ ...r, daysBefore, dueAt: new Date(r.startsAt.getTime() - daysBefore * DAY) }))
	);
	if (!wanted.length) return 0;
	const existing = await db.reminderJob.findMany({
		where: { sessionId: { in: [...new Set(wanted.map((w) => w.sessionId))] } },
		select: { sessionId: true, userId: true, daysBefore: true, startsAt: true }
	});
	const key = (j: { sessionId: string; userId: string; daysBefore: number; startsAt: Date }) =>
		`${j.sessionId}|${j.userId}|${j.daysBefore}|${j.startsAt.getTime()}`;
	const have = new Set(existing.map(key));
	const missing = wanted.filter((w) => !have.has(key(w)));
	let written = 0;
	for (const job of missing) {
		try {
			await db.reminderJob.create({ data: job });
			written++;
		} catch (e) {
			// Another instance wrote the same job a moment ago.
			if (!isUniqueViolation(e)) throw e;
		}
	}
	return written;
}

/** Claims up to `limit` due jobs for this instance; returns their ids. */
export async function claimDueReminders(db: Db, instanceId: string, now = new Date(), limit = 50): Promise<string[]> {
	const expired = new Date(now.getTime() - CLAIM_EXPIRES_MS);
	if (providerOf(db) === 'postgresql') {
		const rows = await db.$queryRaw<{ id: string }[]>`
			UPDATE "ReminderJob" SET "claimedBy" = ${instanceId}, "claimedAt" = ${now}
			WHERE "id" IN (
				SELECT "id" FROM "ReminderJob"
				WHERE "doneAt" IS NULL AND "dueAt" <= ${now} AND ("claimedAt" IS NULL OR "claimedAt" < ${expired})
				ORDER BY "dueAt" LIMIT ${limit}
				FOR UPDATE SKIP LOCKED
			)
			RETURNING "id"`;
		return rows.map((r) => r.id);
	}
	const candidates = await db.reminderJob.findMany({
		where: { doneAt: null, dueAt: { lte: now }, OR: [{ claimedAt: null }, { claimedAt: { lt: expired } }] },
		select: { id: true },
		orderBy: { dueAt: 'asc' },
		take: limit
	});
	const claimed: string[] = [];
	for (const { id } of candidates) {
		// Only one writer can move a row from unclaimed (or expired) to claimed.
		const { count } = await db.reminderJob.updateMany({
			where: { id, doneAt: null, OR: [{ claimedAt: null }, { claimedAt: { lt: expired } }] },
			data: { claimedBy: instanceId, claimedAt: now }
		});
		if (count === 1) claimed.push(id);
	}
	return claimed;
}

/** Sends (or skips) claimed jobs; the notification and the job's end commit together. */
export async function sendClaimedReminders(
	db: Db,
	instanceId: string,
	ids: readonly string[],
	now = new Date()
): Promise<{ sent: number; skipped: number }> {
	let sent = 0;
	let skipped = 0;
	const users: string[] = [];
	for (const id of ids) {
		const outcome = await db.$transaction(async (tx) => {
			const job = await tx.reminderJob.findUnique({ where: { id } });
			if (!job || job.doneAt || job.claimedBy !== instanceId) return null;
			const session = await tx.scheduledSession.findUnique({
				where: { id: job.sessionId },
				select: { id: true, status: true, startsAt: true, demand: { select: { title: true } }, org: { select: { name: true } } }
			});
			const due =
				session?.startsAt &&
				(REMINDED_STATUSES as readonly string[]).includes(session.status) &&
				session.startsAt.getTime() === job.startsAt.getTime() &&
				session.startsAt > now;
			const result = due ? 'sent' : 'skipped';
			// Finishing only a job still claimed by us keeps a retaken claim from sending twice.
			const { count } = await tx.reminderJob.updateMany({
				where: { id, claimedBy: instanceId, doneAt: null },
				data: { doneAt: now, outcome: result }
			});
			if (count !== 1) return null;
			if (due) {
				const item: NotificationInput = {
					userId: job.userId,
					kind: 'reminder.session',
					payload: {
						href: `/sessions/${session.id}`,
						demandTitle: session.demand.title,
						schoolName: session.org.name,
						startsAt: session.startsAt!.toISOString(),
						daysBefore: job.daysBefore
					}
				};
				await notify(tx, [item]);
			}
			return { result, userId: job.userId };
		});
		if (!outcome) continue;
		if (outcome.result === 'sent') {
			sent++;
			users.push(outcome.userId);
		} else skipped++;
	}
	notified([...new Set(users)]);
	return { sent, skipped };
}

/** One pass of the queue: write what is missing, then send what is due. */
export async function runReminders(db: Db, instanceId: string, now = new Date()) {
	await enqueueReminders(db, now);
	return sendClaimedReminders(db, instanceId, await claimDueReminders(db, instanceId, now), now);
}
