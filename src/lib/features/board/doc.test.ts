import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addComment,
	allowPair,
	applyAutoMatch,
	forbidPair,
	forbiddenOf,
	forbiddenByDemand,
	commentCounts,
	commentsOf,
	createUndoManager,
	loadByVolunteer,
	overflowPlacements,
	placeVolunteer,
	placementsByDemand,
	placementsOf,
	unplaceVolunteer
} from './doc';

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
		expect(
			placementsByDemand(a)
				.get('n1')!
				.map((p) => p.volunteerId)
		).toEqual(['v1', 'v2']);
		expect(loadByVolunteer(a).get('v1')).toBe(1);
	});
});

describe('seat contention and undo', () => {
	it('keeps the earliest placement when two coordinators take the same last seat', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		placeVolunteer(a, alice, 'v1', 'n1', null, 100);
		placeVolunteer(b, bob, 'v2', 'n1', null, 101);
		sync(a, b);
		const [loserA] = overflowPlacements(placementsByDemand(a).get('n1')!, 1);
		const [loserB] = overflowPlacements(placementsByDemand(b).get('n1')!, 1);
		expect(loserA).toEqual(loserB);
		expect(loserA).toMatchObject({ volunteerId: 'v2', byName: '李老师' });
	});

	it('undoes only the own moves of a coordinator', () => {
		const doc = new Y.Doc();
		const undo = createUndoManager(doc, alice.id);
		placeVolunteer(doc, alice, 'v1', 'n1');
		undo.stopCapturing();
		placeVolunteer(doc, bob, 'v2', 'n2');
		undo.undo();
		expect([...placementsOf(doc).keys()]).toEqual(['n2|v2']);
		undo.redo();
		expect(placementsOf(doc).size).toBe(2);
	});

	it('threads comments per need', () => {
		const doc = new Y.Doc();
		addComment(doc, alice, 'n1', '这所学校需要会说藏语的老师');
		addComment(doc, bob, 'n1', '我来联系');
		expect(commentCounts(doc).get('n1')).toBe(2);
		expect(
			commentsOf(doc)
				.get('n1')!
				.toArray()
				.map((c) => c.byName)
		).toEqual(['王主任', '李老师']);
	});
});

describe('forbidden pairs and auto-match', () => {
	it('forbidding a placed pair removes it and remembers the rule', () => {
		const doc = new Y.Doc();
		placeVolunteer(doc, alice, 'v1', 'n1');
		forbidPair(doc, alice, 'n1', 'v1');
		expect(placementsOf(doc).size).toBe(0);
		expect(forbiddenOf(doc).has('n1|v1')).toBe(true);
		expect(forbiddenByDemand(doc)).toEqual(new Map([['n1', ['v1']]]));
		allowPair(doc, alice, 'n1', 'v1');
		expect(forbiddenOf(doc).size).toBe(0);
		expect(forbiddenByDemand(doc).size).toBe(0);
	});

	it('replaces earlier proposals but keeps hand-placed cards, as one undoable step', () => {
		const doc = new Y.Doc();
		const undo = createUndoManager(doc, alice.id);
		placeVolunteer(doc, alice, 'v1', 'n1');
		undo.stopCapturing();
		applyAutoMatch(doc, alice, [
			['n2', 'v2'],
			['n3', 'v3']
		]);
		undo.stopCapturing();
		applyAutoMatch(doc, alice, [['n2', 'v4']]);
		expect([...placementsOf(doc).keys()].sort()).toEqual(['n1|v1', 'n2|v4']);
		expect(placementsOf(doc).get('n2|v4')!.pinned).toBe(false);
		undo.undo();
		expect([...placementsOf(doc).keys()].sort()).toEqual(['n1|v1', 'n2|v2', 'n3|v3']);
	});
});
