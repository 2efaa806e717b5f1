// The shape of a round's board document, shared by every coordinator's browser and the
// server. Placements are keyed by pair, so two people placing the same volunteer on the
// same need converge to one entry.
import * as Y from 'yjs';

export interface Placement {
	demandId: string;
	volunteerId: string;
	/** Who placed it (user id and display name) and when (epoch ms). */
	byId: string;
	byName: string;
	at: number;
	/** Placed by hand: auto-match keeps it. */
	pinned: boolean;
}

export const placementKey = (demandId: string, volunteerId: string) => `${demandId}|${volunteerId}`;

export function placementsOf(doc: Y.Doc): Y.Map<Placement> {
	return doc.getMap<Placement>('placements');
}

export interface Actor {
	id: string;
	name: string;
}

/** Puts a volunteer on a need; moving from another need happens in the same transaction. */
export function placeVolunteer(
	doc: Y.Doc,
	actor: Actor,
	volunteerId: string,
	demandId: string,
	fromDemandId?: string | null,
	now = Date.now()
): void {
	const placements = placementsOf(doc);
	doc.transact(() => {
		if (fromDemandId && fromDemandId !== demandId) placements.delete(placementKey(fromDemandId, volunteerId));
		placements.set(placementKey(demandId, volunteerId), {
			demandId,
			volunteerId,
			byId: actor.id,
			byName: actor.name,
			at: now,
			pinned: true
		});
	}, actor.id);
}

export function unplaceVolunteer(doc: Y.Doc, actor: Actor, volunteerId: string, demandId: string): void {
	doc.transact(() => placementsOf(doc).delete(placementKey(demandId, volunteerId)), actor.id);
}

/** Placements grouped by need, each list in placement order. */
export function placementsByDemand(doc: Y.Doc): Map<string, Placement[]> {
	const byDemand = new Map<string, Placement[]>();
	for (const p of placementsOf(doc).values()) {
		const list = byDemand.get(p.demandId);
		if (list) list.push(p);
		else byDemand.set(p.demandId, [p]);
	}
	for (const list of byDemand.values()) list.sort((a, b) => a.at - b.at);
	return byDemand;
}

/** How many needs each volunteer is placed on. */
export function loadByVolunteer(doc: Y.Doc): Map<string, number> {
	const load = new Map<string, number>();
	for (const p of placementsOf(doc).values()) load.set(p.volunteerId, (load.get(p.volunteerId) ?? 0) + 1);
	return load;
}

/**
 * Which placements hold a seat when a need has more placements than seats: the earliest
 * placed win (ties broken by who placed and whom), the same answer in every browser.
 */
export function overflowPlacements(placements: readonly Placement[], seats: number): Placement[] {
	if (placements.length <= seats) return [];
	const ordered = [...placements].sort((a, b) => a.at - b.at || a.byId.localeCompare(b.byId) || a.volunteerId.localeCompare(b.volunteerId));
	return ordered.slice(seats);
}

export interface Comment {
	id: string;
	byId: string;
	byName: string;
	at: number;
	text: string;
}

export function commentsOf(doc: Y.Doc): Y.Map<Y.Array<Comment>> {
	return doc.getMap<Y.Array<Comment>>('comments');
}

export function addComment(doc: Y.Doc, actor: Actor, demandId: string, text: string, now = Date.now()): void {
	const comments = commentsOf(doc);
	doc.transact(() => {
		let thread = comments.get(demandId);
		if (!thread) {
			thread = new Y.Array<Comment>();
			comments.set(demandId, thread);
		}
		thread.push([{ id: `${actor.id}:${now}:${thread.length}`, byId: actor.id, byName: actor.name, at: now, text }]);
	}, actor.id);
}

/** Comment counts per need (for badges) without materialising every thread. */
export function commentCounts(doc: Y.Doc): Map<string, number> {
	const counts = new Map<string, number>();
	for (const [demandId, thread] of commentsOf(doc).entries()) counts.set(demandId, thread.length);
	return counts;
}

/** Undo and redo of one's own moves only: other coordinators' edits are never undone. */
export function createUndoManager(doc: Y.Doc, actorId: string): Y.UndoManager {
	return new Y.UndoManager(placementsOf(doc), { trackedOrigins: new Set([actorId]), captureTimeout: 300 });
}

export interface PublishMark {
	at: number;
	byName: string;
}

/** Which placements have been published as invitations, for everyone's board. */
export function publishedOf(doc: Y.Doc): Y.Map<PublishMark> {
	return doc.getMap<PublishMark>('published');
}

/** Keys of the placements published so far (see placementKey). */
export function publishedKeys(doc: Y.Doc): ReadonlySet<string> {
	return new Set(publishedOf(doc).keys());
}

export function markPublished(doc: Y.Doc, actor: Actor, demandIds: ReadonlySet<string> | null, now = Date.now()): void {
	const published = publishedOf(doc);
	doc.transact(() => {
		for (const [key, p] of placementsOf(doc).entries()) {
			if (!demandIds || demandIds.has(p.demandId)) published.set(key, { at: now, byName: actor.name });
		}
		for (const key of [...published.keys()]) {
			const [demandId] = key.split('|');
			if (!placementsOf(doc).has(key) && (!demandIds || demandIds.has(demandId))) published.delete(key);
		}
	}, 'publish');
}

/** Pairs a coordinator ruled out: auto-match and suggestions never propose them. */
export function forbiddenOf(doc: Y.Doc): Y.Map<{ byName: string; at: number }> {
	return doc.getMap<{ byName: string; at: number }>('forbidden');
}

export function forbidPair(doc: Y.Doc, actor: Actor, demandId: string, volunteerId: string, now = Date.now()): void {
	doc.transact(() => {
		const key = placementKey(demandId, volunteerId);
		forbiddenOf(doc).set(key, { byName: actor.name, at: now });
		placementsOf(doc).delete(key);
	}, actor.id);
}

export function allowPair(doc: Y.Doc, actor: Actor, demandId: string, volunteerId: string): void {
	doc.transact(() => forbiddenOf(doc).delete(placementKey(demandId, volunteerId)), actor.id);
}

/** Splits a pair key back into its ids. */
export function pairOfKey(key: string): [demandId: string, volunteerId: string] {
	const bar = key.indexOf('|');
	return [key.slice(0, bar), key.slice(bar + 1)];
}

/** The volunteers marked unsuitable (不合适) for each need, for lifting a ban. */
export function forbiddenByDemand(doc: Y.Doc): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const key of forbiddenOf(doc).keys()) {
		const [demandId, volunteerId] = pairOfKey(key);
		out.set(demandId, [...(out.get(demandId) ?? []), volunteerId]);
	}
	return out;
}

/**
 * Replaces the unpinned placements (of the needs in `scope`, or all) with the engine's
 * proposal in one transaction, so auto-match is one step in the undo history and one
 * update for everyone.
 */
export function applyAutoMatch(
	doc: Y.Doc,
	actor: Actor,
	proposal: readonly (readonly [string, string])[],
	scope: ReadonlySet<string> | null = null,
	now = Date.now()
): void {
	const placements = placementsOf(doc);
	doc.transact(() => {
		for (const [key, p] of [...placements.entries()]) if (!p.pinned && (!scope || scope.has(p.demandId))) placements.delete(key);
		for (const [demandId, volunteerId] of proposal) {
			const key = placementKey(demandId, volunteerId);
			if (placements.has(key)) continue;
			placements.set(key, { demandId, volunteerId, byId: actor.id, byName: actor.name, at: now, pinned: false });
		}
	}, actor.id);
}
