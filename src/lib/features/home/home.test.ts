// The coordinator's to-do list counts conflicts on the board with the board's own rules:
// what the board's badges show and publishing would refuse.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { callerAs } from '$tests/helpers/api';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import { placeVolunteer } from '$lib/features/board/doc';
import { boardDocName } from '$lib/features/board/schemas';

let t: TestDb;
let tree: Tree;

beforeEach(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterEach(() => t.cleanup());

async function need(title: string, topic: string) {
	const d = await t.db.demand.create({
		data: {
			orgId: tree.schoolA1,
			roundId: tree.roundId,
			kind: 'lecture',
			title,
			topic,
			windowFrom: new Date('2027-03-01'),
			windowTo: new Date('2027-03-31'),
			status: 'open'
		}
	});
	return d.id;
}

async function setBoard(pairs: [demandId: string, volunteerId: string][]) {
	const doc = new Y.Doc();
	pairs.forEach(([d, v], i) => placeVolunteer(doc, { id: 'u', name: '王主任' }, v, d, null, 1000 + i));
	await t.db.boardUpdate.deleteMany({});
	await t.db.boardUpdate.create({ data: { docName: boardDocName(tree.roundId), update: new Uint8Array(Y.encodeStateAsUpdate(doc)) } });
}

const todo = async (username: string) => (await (await callerAs(t.db, username)).home.overview()).coordinator;

describe('coordinator home: conflicts on the board', () => {
	it('counts what the board flags and links to that board; a clean board counts none', async () => {
		const legal = await need('法治讲座', 'legal');
		const arts = await need('美术课', 'arts');
		await setBoard([[legal, tree.volunteerA]]);
		expect(await todo('coordA')).toMatchObject({ conflicts: 0, conflictsHref: '/board' });

		// 李老师 teaches law, not art: the board marks the second placement ineligible.
		await setBoard([
			[legal, tree.volunteerA],
			[arts, tree.volunteerA]
		]);
		expect(await todo('coordA')).toMatchObject({ conflicts: 1, conflictsHref: `/board/${tree.roundId}` });
		expect(await todo('cityCoord')).toMatchObject({ conflicts: 1 });
		// Another district's coordinator does not see this round.
		expect(await todo('coordB')).toMatchObject({ conflicts: 0 });
	});

	it('leaves closed rounds out', async () => {
		const arts = await need('美术课', 'arts');
		await setBoard([[arts, tree.volunteerA]]);
		await t.db.matchingRound.update({ where: { id: tree.roundId }, data: { status: 'closed' } });
		expect(await todo('coordA')).toMatchObject({ conflicts: 0 });
	});
});
