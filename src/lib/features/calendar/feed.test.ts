// The phone-calendar feed as a phone reads it: parsed by node-ical, an independent parser.
import ical from 'node-ical';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createSession } from '$tests/helpers/sessions';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import { answerFeed } from './feed';

let t: TestDb;
let tree: Tree;
const origin = 'http://127.0.0.1';
const now = new Date('2027-03-01T00:00:00Z');

beforeEach(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	await t.db.organization.update({ where: { id: tree.schoolA1 }, data: { address: '江州市东湖区湖滨路 8 号' } });
});
afterEach(() => t.cleanup());

async function tokenOf(username: string) {
	const { path } = await (await callerAs(t.db, username)).calendar.regenerateFeed();
	return path.replace('/calendar/feed/', '').replace('.ics', '');
}

async function read(token: string, filters = {}) {
	const answer = await answerFeed(t.db, token, filters, { origin, ifNoneMatch: null, now });
	if (answer.status !== 200) throw new Error(`feed answered ${answer.status}`);
	return { answer, events: Object.values(ical.sync.parseICS(answer.body)).filter((c) => c?.type === 'VEVENT') as ical.VEvent[] };
}

describe('ICS feed', () => {
	it('states Asia/Shanghai: a 09:00 session reads as 01:00Z, with the school address, refresh hints and a VTIMEZONE', async () => {
		const s = await createSession(t.db, tree, { startsAt: '2027-03-10T09:00' });
		const { answer, events } = await read(await tokenOf('volA'));
		expect(events).toHaveLength(1);
		expect(events[0].start.toISOString()).toBe('2027-03-10T01:00:00.000Z');
		expect(events[0].uid).toBe(`session-${s.id}@silverbridge`);
		expect(events[0].location).toBe('江州市东湖区湖滨路 8 号');
		expect(answer.body).toContain('BEGIN:VTIMEZONE');
		expect(answer.body).toContain('TZID:Asia/Shanghai');
		expect(answer.body).toMatch(/DTSTART;TZID=Asia\/Shanghai:20270310T090000/);
		expect(answer.body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
		expect(answer.body).toContain('X-PUBLISHED-TTL:PT1H');
	});

	it('keeps the UID of a moved session with a higher SEQUENCE, and keeps cancelled ones as CANCELLED', async () => {
		const s = await createSession(t.db, tree, { startsAt: '2027-03-10T09:00' });
		const token = await tokenOf('volA');
		const before = (await read(token)).events[0];
		await t.db.scheduledSession.update({
			where: { id: s.id },
			data: { startsAt: new Date('2027-03-11T06:00:00Z'), endsAt: new Date('2027-03-11T07:30:00Z'), sequence: { increment: 1 } }
		});
		const moved = (await read(token)).events[0];
		expect(moved.uid).toBe(before.uid);
		expect(Number(moved.sequence)).toBeGreaterThan(Number(before.sequence));
		expect(moved.start.toISOString()).toBe('2027-03-11T06:00:00.000Z');
		await t.db.scheduledSession.update({ where: { id: s.id }, data: { status: 'cancelled', sequence: { increment: 1 } } });
		const cancelled = (await read(token)).events[0];
		expect(cancelled.uid).toBe(before.uid);
		expect(cancelled.status).toBe('CANCELLED');
	});

	it('answers 404 for a revoked (regenerated) token and serves the new one', async () => {
		await createSession(t.db, tree, { startsAt: '2027-03-10T09:00' });
		const old = await tokenOf('volA');
		const fresh = await tokenOf('volA');
		expect((await answerFeed(t.db, old, {}, { origin, ifNoneMatch: null, now })).status).toBe(404);
		expect((await read(fresh)).events).toHaveLength(1);
		await (await callerAs(t.db, 'volA')).calendar.revokeFeed();
		expect((await answerFeed(t.db, fresh, {}, { origin, ifNoneMatch: null, now })).status).toBe(404);
		expect((await answerFeed(t.db, 'not-a-token', {}, { origin, ifNoneMatch: null, now })).status).toBe(404);
	});

	it('answers 304 to its own ETag until a session changes', async () => {
		const s = await createSession(t.db, tree, { startsAt: '2027-03-10T09:00' });
		const token = await tokenOf('volA');
		const first = await answerFeed(t.db, token, {}, { origin, ifNoneMatch: null, now });
		if (first.status !== 200) throw new Error('no feed');
		expect((await answerFeed(t.db, token, {}, { origin, ifNoneMatch: first.etag, now })).status).toBe(304);
		await t.db.scheduledSession.update({ where: { id: s.id }, data: { room: '三楼报告厅', sequence: { increment: 1 } } });
		expect((await answerFeed(t.db, token, {}, { origin, ifNoneMatch: first.etag, now })).status).toBe(200);
	});

	it('serves what its owner sees in the calendar, narrowed by filters in the URL', async () => {
		await createSession(t.db, tree, { startsAt: '2027-03-10T09:00', schoolId: tree.schoolA1 });
		await createSession(t.db, tree, { startsAt: '2027-03-12T09:00', schoolId: tree.schoolB1, kind: 'mentoring' });
		await createSession(t.db, tree, { startsAt: '2027-03-13T09:00', schoolId: tree.schoolA2, status: 'draft' });
		expect((await read(await tokenOf('schoolA1'))).events).toHaveLength(1);
		expect((await read(await tokenOf('coordB'))).events).toHaveLength(1);
		expect((await read(await tokenOf('nobody'))).events).toHaveLength(0);
		const leader = await tokenOf('leader');
		expect((await read(leader)).events).toHaveLength(2);
		expect((await read(leader, { kind: 'mentoring' })).events).toHaveLength(1);
		expect((await read(leader, { district: tree.districtA })).events).toHaveLength(1);
	});

	it('never serves a remembered body that is out of date or someone else’s', async () => {
		const s = await createSession(t.db, tree, { startsAt: '2027-03-10T09:00', schoolId: tree.schoolA1 });
		await createSession(t.db, tree, { startsAt: '2027-03-12T09:00', schoolId: tree.schoolB1 });
		const vol = await tokenOf('volA');
		const school = await tokenOf('schoolA1');
		const leader = await tokenOf('leader');
		const first = await read(vol);
		// A repeat fetch without If-None-Match is served from memory, the same text.
		expect((await read(vol)).answer.body).toBe(first.answer.body);
		expect(first.events).toHaveLength(2);
		// Each owner gets their own: same sessions in reach, different calendars.
		expect((await read(school)).events).toHaveLength(1);
		expect((await read(leader)).answer.body).toContain('X-WR-CALNAME:Silverbridge · ');
		expect((await read(leader)).answer.body).not.toBe(first.answer.body);
		expect((await read(vol)).answer.body).toBe(first.answer.body);

		// Cancelled without the sequence growing: the row's updatedAt alone changes the ETag.
		await t.db.scheduledSession.update({ where: { id: s.id }, data: { status: 'cancelled' } });
		const cancelled = await read(vol);
		expect(cancelled.answer.etag).not.toBe(first.answer.etag);
		expect(cancelled.events.find((e) => e.uid === `session-${s.id}@silverbridge`)?.status).toBe('CANCELLED');

		await createSession(t.db, tree, { startsAt: '2027-03-15T09:00', schoolId: tree.schoolA2 });
		const added = await read(vol);
		expect(added.answer.etag).not.toBe(cancelled.answer.etag);
		expect(added.events).toHaveLength(3);
		expect((await read(school)).events).toHaveLength(1);

		// The school moved: its sessions' LOCATION changes though no session row did.
		await t.db.organization.update({ where: { id: tree.schoolA1 }, data: { address: '江州市东湖区新华路 1 号' } });
		const moved = await read(vol);
		expect(moved.answer.etag).not.toBe(added.answer.etag);
		expect(moved.events.find((e) => e.uid === `session-${s.id}@silverbridge`)?.location).toBe('江州市东湖区新华路 1 号');

		// A revoked token is refused even though its body is still remembered.
		await tokenOf('volA');
		expect((await answerFeed(t.db, vol, {}, { origin, ifNoneMatch: null, now })).status).toBe(404);
	});
});
