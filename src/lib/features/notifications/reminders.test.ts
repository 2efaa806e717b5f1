// Reminders come exactly once, whatever the instances do: two of them working the same
// queue, one dying after its claim and the other one taking over after a restart. On
// PostgreSQL and Redis too when DATABASE_URL / REDIS_URL name them.
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTree } from '$tests/helpers/fixtures';
import { createSession } from '$tests/helpers/sessions';
import { createTestDb, postgresUrl, type TestDb } from '$tests/helpers/test-db';
import { createDb, type Db } from '$lib/server/db';
import type { LiveEvent } from '$lib/server/live/bus';
import { startLiveRelay } from '$lib/server/live/relay';
import { emailChannel } from './channels';
import { deliverPending } from './outbox';
import { CLAIM_EXPIRES_MS, claimDueReminders, runReminders, sendClaimedReminders } from './reminders';

const DAY = 86_400_000;
let t: TestDb | null = null;
let second: Db | null = null;
afterEach(async () => {
	await second?.$disconnect();
	second = null;
	await t?.cleanup();
	t = null;
});

async function reminders(db: Db) {
	return db.notification.findMany({ where: { kind: 'reminder.session' }, orderBy: { createdAt: 'asc' } });
}

for (const provider of ['sqlite', 'postgresql'] as const) {
	describe.skipIf(provider === 'postgresql' && !postgresUrl())(`reminders on ${provider}`, () => {
		it('sends the 7-day and 1-day reminders exactly once with two instances and a restart between them', async () => {
			t = await createTestDb(provider);
			const tree = await buildTree(t.db);
			// Instance B is a separate client (its own connection pool) on the same database.
			second = createDb(t.target);
			const a = t.db;
			const b = second;
			await createSession(a, tree, { startsAt: '2027-03-20T09:00', status: 'accepted' });
			await createSession(a, tree, { startsAt: '2027-03-21T09:00', status: 'planned' });
			const start = new Date('2027-03-01T00:00:00Z');
			// PostgreSQL runs the two instances truly at once. SQLite (one writer, and here one
			// process whose synchronous driver would block itself) interleaves them instead.
			const both = <A, B>(x: () => Promise<A>, y: () => Promise<B>): Promise<[A, B]> =>
				provider === 'postgresql' ? Promise.all([x(), y()]) : x().then(async (r) => [r, await y()] as [A, B]);

			// Long before anything is due: jobs are written, nothing is sent.
			expect(await runReminders(a, 'A', start)).toEqual({ sent: 0, skipped: 0 });
			// Volunteer + the school's user, 7 and 1 days before: four jobs.
			expect(await a.reminderJob.count()).toBe(4);

			// Seven days before, both instances work the queue at once.
			const week = new Date(new Date('2027-03-13T01:00:00Z').getTime() + 60_000);
			const [ra, rb] = await both(
				() => runReminders(a, 'A', week),
				() => runReminders(b, 'B', week)
			);
			expect(ra.sent + rb.sent).toBe(2);
			expect((await reminders(a)).map((n) => JSON.parse(n.payload).daysBefore)).toEqual([7, 7]);

			// One day before, A claims and dies before sending ("restart"); B is kept off until
			// the claim expires, then sends them, once.
			const dayBefore = new Date(new Date('2027-03-19T01:00:00Z').getTime() + 60_000);
			expect(await claimDueReminders(a, 'A', dayBefore)).toHaveLength(2);
			expect(await runReminders(b, 'B', dayBefore)).toEqual({ sent: 0, skipped: 0 });
			const afterRestart = new Date(dayBefore.getTime() + CLAIM_EXPIRES_MS + 1000);
			const [rb2, ra2] = await both(
				() => runReminders(b, 'B', afterRestart),
				() => runReminders(a, 'A2', afterRestart)
			);
			expect(rb2.sent + ra2.sent).toBe(2);
			// The dead claim of A cannot send any more.
			expect(
				await sendClaimedReminders(
					a,
					'A',
					(await a.reminderJob.findMany()).map((j) => j.id),
					afterRestart
				)
			).toEqual({ sent: 0, skipped: 0 });
			const sent = await reminders(a);
			expect(sent).toHaveLength(4);
			expect(sent.map((n) => JSON.parse(n.payload).daysBefore)).toEqual([7, 7, 1, 1]);
			expect(new Set(sent.map((n) => `${n.userId}:${JSON.parse(n.payload).daysBefore}`)).size).toBe(4);
			// Nothing more later on.
			expect(await runReminders(a, 'A', new Date(afterRestart.getTime() + DAY / 2))).toEqual({ sent: 0, skipped: 0 });
		}, 60_000);

		it('skips the reminders of a session moved or cancelled after they were queued, and queues the new date', async () => {
			t = await createTestDb(provider);
			const tree = await buildTree(t.db);
			const s = await createSession(t.db, tree, { startsAt: '2027-03-20T09:00', status: 'accepted', volunteerIds: [tree.volunteerA] });
			await runReminders(t.db, 'A', new Date('2027-03-01T00:00:00Z'));
			await t.db.scheduledSession.update({
				where: { id: s.id },
				data: { startsAt: new Date('2027-03-27T01:00:00Z'), endsAt: new Date('2027-03-27T02:30:00Z'), sequence: { increment: 1 } }
			});
			const r = await runReminders(t.db, 'A', new Date('2027-03-13T02:00:00Z'));
			expect(r.sent).toBe(0);
			expect(r.skipped).toBe(2);
			expect(await t.db.reminderJob.count({ where: { doneAt: null, startsAt: new Date('2027-03-27T01:00:00Z') } })).toBe(4);
		}, 60_000);
	});
}

describe('email channel', () => {
	it('sends a notification to the address a user chose, received by a local SMTP server, once', async () => {
		const received: { to: string[]; body: string }[] = [];
		const smtp = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, session, callback) {
				let body = '';
				stream.on('data', (c: Buffer) => (body += c.toString()));
				stream.on('end', () => {
					received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
		const port = (smtp.server.address() as { port: number }).port;
		const email = await emailChannel({ smtpUrl: `smtp://127.0.0.1:${port}` });
		try {
			t = await createTestDb();
			const tree = await buildTree(t.db);
			const userId = tree.users.volA;
			await t.db.notificationChannelSetting.create({ data: { userId, channel: 'email', address: 'li@example.org' } });
			await t.db.notification.create({
				data: { userId, kind: 'leave.approved', payload: JSON.stringify({ href: '/me/leave', from: '2027-03-01', to: '2027-03-05' }) }
			});
			const [a, b] = await Promise.all([
				deliverPending(t.db, 'A', [email], { origin: 'http://127.0.0.1:3000' }),
				deliverPending(t.db, 'B', [email], { origin: 'http://127.0.0.1:3000' })
			]);
			expect(a + b).toBe(1);
			expect(received).toHaveLength(1);
			expect(received[0].to).toEqual(['li@example.org']);
			const text = Buffer.from(
				received[0].body
					.split(/\r?\n\r?\n/)
					.slice(1)
					.join('')
					.replace(/\s+/g, ''),
				'base64'
			).toString('utf8');
			expect(text).toContain('2027-03-01');
			expect(text).toContain('http://127.0.0.1:3000/me/leave');
			expect(await deliverPending(t.db, 'A', [email], { origin: 'http://127.0.0.1:3000' })).toBe(0);
		} finally {
			email.close();
			await new Promise<void>((resolve) => smtp.close(() => resolve()));
		}
	}, 30_000);
});

describe.skipIf(!process.env.REDIS_URL)('live relay over Redis', () => {
	it('says an event of one instance on the other, and never echoes it back', async () => {
		const bus = () => {
			const listeners = new Set<(e: LiveEvent) => void>();
			const heard: LiveEvent[] = [];
			return {
				heard,
				emit: (e: LiveEvent) => {
					heard.push(e);
					for (const l of listeners) l(e);
				},
				on: (l: (e: LiveEvent) => void) => (listeners.add(l), () => listeners.delete(l))
			};
		};
		const busA = bus();
		const busB = bus();
		const relayA = await startLiveRelay({ url: process.env.REDIS_URL!, instanceId: `A-${Math.random()}`, bus: busA });
		const relayB = await startLiveRelay({ url: process.env.REDIS_URL!, instanceId: `B-${Math.random()}`, bus: busB });
		try {
			await Promise.all([relayA.ready, relayB.ready]);
			busA.emit({ type: 'notifications.changed', userIds: ['u1'] });
			const deadline = Date.now() + 3000;
			while (!busB.heard.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
			expect(busB.heard).toEqual([{ type: 'notifications.changed', userIds: ['u1'] }]);
			await new Promise((r) => setTimeout(r, 200));
			expect(busA.heard).toHaveLength(1);
		} finally {
			await relayA.close();
			await relayB.close();
		}
	});
});
