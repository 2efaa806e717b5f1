import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { placeVolunteer } from './doc';
import { publishRound } from './publish';
import { boardDocName } from './schemas';

const coordinator = { id: 'u-coord', name: '王主任' };

describe.each(providers)('publishing a round on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	let demandIds: string[];
	let volunteerB: string;

	async function demand(title: string, over: { topic?: string; windowFrom?: Date; windowTo?: Date } = {}) {
		const d = await t.db.demand.create({
			data: {
				orgId: tree.schoolA1,
				roundId: tree.roundId,
				kind: 'lecture',
				title,
				topic: over.topic ?? 'legal',
				windowFrom: over.windowFrom ?? new Date('2027-03-01'),
				windowTo: over.windowTo ?? new Date('2027-03-31'),
				status: 'open'
			}
		});
		return d.id;
	}

	/** Replaces the persisted board with the given placements. */
	async function setBoard(pairs: [demandId: string, volunteerId: string][]) {
		const doc = new Y.Doc();
		pairs.forEach(([d, v], i) => placeVolunteer(doc, coordinator, v, d, null, 1000 + i));
		await t.db.boardUpdate.deleteMany({});
		await t.db.boardUpdate.create({ data: { docName: boardDocName(tree.roundId), update: new Uint8Array(Y.encodeStateAsUpdate(doc)) } });
	}

	const run = (ids?: string[]) => publishRound(t.db, { roundId: tree.roundId, demandIds: ids, actorId: tree.users.coordA });

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		// The fixture round spans Feb–Jul (5 months); one engagement a month means capacity 5.
		await t.db.matchingRound.update({
			where: { id: tree.roundId },
			data: { fromDate: new Date('2027-03-01'), toDate: new Date('2027-03-31') }
		});
		demandIds = [await demand('法治讲座一'), await demand('法治讲座二'), await demand('美术课', { topic: 'arts' })];
		volunteerB = (
			await t.db.volunteerProfile.create({
				data: {
					orgId: tree.districtA,
					name: '赵老师',
					category: 'retired_cadre',
					homeDistrictId: tree.districtA,
					monthlyCapacity: 1,
					topics: { create: [{ topic: 'legal' }] }
				}
			})
		).id;
	});
	afterAll(() => t.cleanup());

	it('invites every valid placement and records the publish', async () => {
		await setBoard([[demandIds[0], tree.volunteerA]]);
		const result = await run();
		expect(result).toMatchObject({ ok: true, invited: 1, failures: [] });
		const assignment = await t.db.assignment.findFirstOrThrow({ where: { demandId: demandIds[0] } });
		expect(assignment).toMatchObject({ volunteerId: tree.volunteerA, state: 'invited', createdById: tree.users.coordA });
		expect(await t.db.demand.findUniqueOrThrow({ where: { id: demandIds[0] } })).toMatchObject({ status: 'matched' });
		expect(await t.db.auditLog.findFirst({ where: { entity: 'round', action: 'publish' } })).not.toBeNull();
		expect(await run()).toMatchObject({ ok: true, invited: 0, unchanged: 1 });
	});

	it('writes nothing and lists every failure when a placement breaks a rule', async () => {
		await setBoard([
			[demandIds[0], tree.volunteerA],
			[demandIds[2], tree.volunteerA],
			[demandIds[1], volunteerB]
		]);
		const before = await t.db.assignment.count();
		const result = await run();
		expect(result.ok).toBe(false);
		expect(result.failures).toEqual([{ code: 'ineligible', demandId: demandIds[2], volunteerId: tree.volunteerA, reasons: ['topic'] }]);
		expect(await t.db.assignment.count()).toBe(before);
	});

	it('cancels published invitations whose placement was taken off the board', async () => {
		await setBoard([[demandIds[1], volunteerB]]);
		const result = await run([demandIds[0], demandIds[1]]);
		expect(result).toMatchObject({ ok: true, invited: 1, cancelled: 1 });
		expect(await t.db.assignment.findFirstOrThrow({ where: { demandId: demandIds[0] } })).toMatchObject({ state: 'cancelled' });
	});

	it('lets exactly one of two concurrent publishes book a volunteer with one seat left', async () => {
		await t.db.assignment.deleteMany({});
		const lecture3 = await demand('法治讲座三');
		await setBoard([
			[lecture3, volunteerB],
			[demandIds[1], volunteerB]
		]);
		const results = await Promise.all([run([demandIds[1]]), run([lecture3])]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.find((r) => !r.ok)!.failures.map((f) => f.code)).toEqual(['over_capacity']);
		expect(await t.db.assignment.count({ where: { volunteerId: volunteerB, state: 'invited' } })).toBe(1);
	});
});
