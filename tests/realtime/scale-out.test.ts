// Two server processes behind one database share live boards through Redis pub/sub.
// Runs when REDIS_URL is set (CI sets it); skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDocName } from '../../src/lib/features/board/schemas';
import {
	connectSynced,
	createBoardFixture,
	killAll,
	startServerProcess,
	waitFor,
	type BoardFixture,
	type Client,
	type ServerProcess
} from './harness';

const redisUrl = process.env.REDIS_URL;

describe.skipIf(!redisUrl)('board scale-out over Redis', () => {
	let f: BoardFixture;
	let one: ServerProcess;
	let two: ServerProcess;
	const clients: Client[] = [];

	async function open(server: ServerProcess, docName: string, username: string): Promise<Client> {
		const client = await connectSynced(server.wsBase, docName, f.cookies[username]);
		clients.push(client);
		return client;
	}

	const rowsOf = (docName: string) => f.t.db.boardUpdate.count({ where: { docName } });

	beforeAll(async () => {
		f = await createBoardFixture();
		[one, two] = await Promise.all([
			startServerProcess(f.t.target.url, { REDIS_URL: redisUrl ?? '' }),
			startServerProcess(f.t.target.url, { REDIS_URL: redisUrl ?? '' })
		]);
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await killAll();
		await f?.t.cleanup();
	});

	it('relays edits and presence between instances, and saves each edit once', async () => {
		const a = await open(one, f.docName, 'cityCoord');
		const b = await open(two, f.docName, 'coordA');
		for (let i = 0; i < 10; i++) a.doc.getMap('placements').set(`a${i}`, i);
		await waitFor(() => b.doc.getMap('placements').get('a9') === 9, 'B on instance two to see A’s edits');
		b.doc.getText('note').insert(0, 'from two');
		await waitFor(() => a.doc.getText('note').toString() === 'from two', 'A on instance one to see B’s edit');

		a.provider.awareness.setLocalState({ user: { name: 'A' } });
		await waitFor(
			() => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === 'A'),
			'B to see A’s presence across instances'
		);

		// Only the instance that received an edit writes it: 10 + 1 rows, no copies.
		await expect.poll(() => rowsOf(f.docName), { timeout: 5000 }).toBe(11);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await rowsOf(f.docName)).toBe(11);
	});

	it('a board first opened on the other instance loads what was saved, then follows live', async () => {
		const round = await f.t.db.matchingRound.create({
			data: { orgId: f.tree.districtA, name: 'second round', fromDate: new Date('2027-09-01'), toDate: new Date('2028-01-20') }
		});
		const docName = boardDocName(round.id);
		const a = await open(one, docName, 'cityCoord');
		a.doc.getMap('placements').set('before', true);
		await expect.poll(() => rowsOf(docName), { timeout: 5000 }).toBe(1);

		const c = await open(two, docName, 'coordA');
		expect(c.doc.getMap('placements').get('before')).toBe(true);
		a.doc.getMap('placements').set('after', true);
		await waitFor(() => c.doc.getMap('placements').get('after') === true, 'C to follow live edits');
	});
});
