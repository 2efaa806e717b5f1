import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadByVolunteer, placeVolunteer, placementsByDemand, placementsOf, unplaceVolunteer } from './doc';

const alice = { id: 'u1', name: '王主任' };
const bob = { id: 'u2', name: '李老师' };

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
}

describe('board document', () => {
	it('places, moves and removes a volunteer', () => {
		const doc = new Y.Doc();
		placeVolunteer(doc, alice, 'v1', 'n1');
		placeVolunteer(doc, alice, 'v1', 'n2', 'n1');
		expect([...placementsByDemand(doc).keys()]).toEqual(['n2']);
		expect(placementsByDemand(doc).get('n2')![0]).toMatchObject({ byName: '王主任', pinned: true });
		unplaceVolunteer(doc, alice, 'v1', 'n2');
		expect(placementsOf(doc).size).toBe(0);
	});

	it('converges when two coordinators place the same pair concurrently', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		placeVolunteer(a, alice, 'v1', 'n1', null, 1);
		placeVolunteer(b, bob, 'v1', 'n1', null, 2);
		placeVolunteer(b, bob, 'v2', 'n1', null, 3);
		sync(a, b);
		expect(placementsOf(a).toJSON()).toEqual(placementsOf(b).toJSON());
		expect(placementsByDemand(a).get('n1')!.map((p) => p.volunteerId)).toEqual(['v1', 'v2']);
		expect(loadByVolunteer(a).get('v1')).toBe(1);
	});
});
