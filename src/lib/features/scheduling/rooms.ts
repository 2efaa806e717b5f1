// Which room of its school each session sits in. The engine only keeps a school's
// simultaneous sessions within its room count; numbering them is done here, first fit by
// start time, so two sessions at one moment never share a room.
export interface RoomedSession {
	id: string;
	orgId: string;
	startsAt: Date;
	endsAt: Date;
	/** Already numbered (sessions that stay where they are), or null to number. */
	room: number | null;
}

export function assignRooms(sessions: readonly RoomedSession[]): Map<string, number> {
	const rooms = new Map<string, number>();
	const byOrg = new Map<string, RoomedSession[]>();
	for (const s of sessions) byOrg.set(s.orgId, [...(byOrg.get(s.orgId) ?? []), s]);
	for (const list of byOrg.values()) {
		const taken: { room: number; startsAt: Date; endsAt: Date }[] = list
			.filter((s) => s.room !== null)
			.map((s) => ({ room: s.room!, startsAt: s.startsAt, endsAt: s.endsAt }));
		for (const s of list.filter((x) => x.room === null).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
			const busy = new Set(taken.filter((t) => t.startsAt < s.endsAt && s.startsAt < t.endsAt).map((t) => t.room));
			let room = 1;
			while (busy.has(room)) room++;
			taken.push({ room, startsAt: s.startsAt, endsAt: s.endsAt });
			rooms.set(s.id, room);
		}
	}
	return rooms;
}
