import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { boardAccessForRound, boardAccessMany, can, loadPrincipal, scopeRoots, type Principal } from './authorize';

describe('authorization over the organisation tree', () => {
	let t: TestDb;
	let tree: Tree;
	const paths: Record<string, string> = {};
	const principals: Record<string, Principal> = {};

	beforeAll(async () => {
		t = await createTestDb();
		tree = await buildTree(t.db);
		for (const o of await t.db.organization.findMany()) paths[o.id] = o.path;
		for (const [name, id] of Object.entries(tree.users)) principals[name] = await loadPrincipal(t.db, id);
	});
	afterAll(() => t.cleanup());

	it('lets a district coordinator manage its own schools and villages, not the other district', () => {
		const p = principals.coordA;
		expect(can(p, 'demand.edit', paths[tree.schoolA1])).toBe(true);
		expect(can(p, 'demand.edit', paths[tree.villageA1])).toBe(true);
		expect(can(p, 'demand.edit', paths[tree.schoolB1])).toBe(false);
		expect(can(p, 'demand.edit', paths[tree.city])).toBe(false);
	});

	it('lets a school see only itself and below', () => {
		const p = principals.schoolA1;
		expect(can(p, 'demand.edit', paths[tree.schoolA1])).toBe(true);
		expect(can(p, 'demand.edit', paths[tree.villageA1])).toBe(true);
		expect(can(p, 'demand.view', paths[tree.schoolA2])).toBe(false);
		expect(can(p, 'volunteer.view', paths[tree.schoolA1])).toBe(false);
	});

	it('gives leaders read access and no edit rights', () => {
		const p = principals.leader;
		expect(can(p, 'report.view', paths[tree.schoolB1])).toBe(true);
		expect(can(p, 'board.view', paths[tree.districtA])).toBe(true);
		expect(can(p, 'board.edit', paths[tree.districtA])).toBe(false);
		expect(can(p, 'demand.edit', paths[tree.schoolA1])).toBe(false);
	});

	it('gives volunteers and users without roles nothing on the tree', () => {
		for (const name of ['volA', 'nobody']) {
			expect(can(principals[name], 'demand.view', paths[tree.schoolA1])).toBe(false);
			expect(scopeRoots(principals[name], 'org.view')).toEqual([]);
		}
		expect(principals.volA.volunteerId).toBe(tree.volunteerA);
	});

	it('reduces overlapping grants to their minimal subtree roots', () => {
		const p: Principal = {
			userId: 'x',
			volunteerId: null,
			grants: [
				{ orgId: tree.schoolA1, path: paths[tree.schoolA1], role: 'coordinator' },
				{ orgId: tree.districtA, path: paths[tree.districtA], role: 'coordinator' },
				{ orgId: tree.schoolB1, path: paths[tree.schoolB1], role: 'school' }
			]
		};
		expect(scopeRoots(p, 'volunteer.edit')).toEqual([paths[tree.districtA]]);
		expect(scopeRoots(p, 'demand.edit').sort()).toEqual([paths[tree.districtA], paths[tree.schoolB1]].sort());
	});

	it('answers board access per round: edit, read or nothing', async () => {
		expect(await boardAccessForRound(t.db, tree.users.coordA, tree.roundId)).toBe('edit');
		expect(await boardAccessForRound(t.db, tree.users.cityCoord, tree.roundId)).toBe('edit');
		expect(await boardAccessForRound(t.db, tree.users.leader, tree.roundId)).toBe('read');
		expect(await boardAccessForRound(t.db, tree.users.coordB, tree.roundId)).toBeNull();
		expect(await boardAccessForRound(t.db, tree.users.schoolA1, tree.roundId)).toBeNull();
		expect(await boardAccessForRound(t.db, tree.users.coordA, 'no-such-round')).toBeNull();
	});

	it('answers board access for many users and rounds at once exactly as one by one', async () => {
		const pairs = [...Object.values(tree.users), 'no-such-user'].flatMap((userId) =>
			[tree.roundId, 'no-such-round'].map((roundId) => ({ userId, roundId }))
		);
		const oneByOne = await Promise.all(pairs.map((p) => boardAccessForRound(t.db, p.userId, p.roundId)));
		expect(await boardAccessMany(t.db, pairs)).toEqual(oneByOne);
		expect(oneByOne.filter((a) => a !== null).length).toBeGreaterThan(2);
	});

	it('ignores deactivated memberships', async () => {
		await t.db.membership.updateMany({ where: { userId: tree.users.coordB }, data: { active: false } });
		const p = await loadPrincipal(t.db, tree.users.coordB);
		expect(can(p, 'demand.view', paths[tree.schoolB1])).toBe(false);
	});
});
