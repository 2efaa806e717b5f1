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
