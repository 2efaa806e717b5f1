// Presence through the board server: changes reach the others at once; renewals of an
// unchanged state (every client sends one every 15 s) are forwarded together per room.
import { describe, expect, it } from 'vitest';
import { connectSynced, startServerProcess, waitFor, type Client, useBoard } from './harness';

describe('board presence', () => {
	const board = useBoard();

	async function open(username: string): Promise<Client> {
		const client = await connectSynced(board.server.wsBase, board.f.docName, board.f.cookies[username]);
		board.clients.push(client);
		return client;
	}

	const clockAt = (observer: Client, of: Client) => observer.provider.awareness.meta.get(of.doc.clientID)?.clock ?? -1;

	it('forwards changed presence, and sends renewals of several clients in one message', async () => {
		const a = await open('cityCoord');
		const b = await open('coordA');
		const observer = await open('admin');
		a.provider.awareness.setLocalState({ user: { name: 'A' }, looking: 'n1' });
		b.provider.awareness.setLocalState({ user: { name: 'B' }, looking: 'n2' });
		await waitFor(
			() =>
				observer.provider.awareness.getStates().get(a.doc.clientID)?.looking === 'n1' &&
				observer.provider.awareness.getStates().get(b.doc.clientID)?.looking === 'n2',
			'the observer to see both presences'
		);

		const updates: number[][] = [];
		observer.provider.awareness.on('update', ({ updated }: { updated: number[] }, origin: unknown) => {
			if (origin !== 'local') updates.push(updated);
		});
		const clocksBefore = [clockAt(observer, a), clockAt(observer, b)];
		// What the stock client does every 15 s: set the same state again, with a newer clock.
		a.provider.awareness.setLocalState(a.provider.awareness.getLocalState());
		b.provider.awareness.setLocalState(b.provider.awareness.getLocalState());
		await waitFor(() => clockAt(observer, a) > clocksBefore[0] && clockAt(observer, b) > clocksBefore[1], 'both renewals to arrive');
		expect(updates.filter((ids) => ids.includes(a.doc.clientID) || ids.includes(b.doc.clientID))).toEqual([
			expect.arrayContaining([a.doc.clientID, b.doc.clientID])
		]);

		// A change overtakes a renewal still waiting for its batch.
		const renewedBefore = clockAt(observer, b);
		b.provider.awareness.setLocalState(b.provider.awareness.getLocalState());
		a.provider.awareness.setLocalStateField('looking', 'n3');
		await waitFor(() => observer.provider.awareness.getStates().get(a.doc.clientID)?.looking === 'n3', 'the change to arrive');
		expect(clockAt(observer, b)).toBe(renewedBefore);
		await waitFor(() => clockAt(observer, b) > renewedBefore, 'the renewal to follow');
	});
});

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('board presence across instances', () => {
	const board = useBoard({ startServer: false });

	it('relays renewals to the other instance', async () => {
		const [one, two] = await Promise.all([
			startServerProcess(board.f.t.target.url, { REDIS_URL: redisUrl ?? '' }),
			startServerProcess(board.f.t.target.url, { REDIS_URL: redisUrl ?? '' })
		]);
		const a = await connectSynced(one.wsBase, board.f.docName, board.f.cookies.cityCoord);
		const b = await connectSynced(two.wsBase, board.f.docName, board.f.cookies.coordA);
		const c = await connectSynced(two.wsBase, board.f.docName, board.f.cookies.admin);
		board.clients.push(a, b, c);
		a.provider.awareness.setLocalState({ user: { name: 'A' } });
		await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'A', 'B to see A');
		const clockAtB = () => b.provider.awareness.meta.get(a.doc.clientID)?.clock ?? -1;
		const before = clockAtB();
		a.provider.awareness.setLocalState(a.provider.awareness.getLocalState());
		await waitFor(() => clockAtB() === before + 1, 'the renewal to cross instances');
		expect(c.provider.awareness.getStates().get(a.doc.clientID)).toEqual({ user: { name: 'A' } });
	});
});
