// Declined seats still waiting for a substitute: their need has sessions left undated by the decline.
interface TimetableLike {
	sessions: readonly { reasonKind: string | null; demand: { id: string; title: string } }[];
	declined: readonly { assignmentId: string; demandId: string; volunteerName: string; reasonText: string }[];
}

export function declinedSeats(t: TimetableLike) {
	return t.declined.flatMap((d) => {
		const waiting = t.sessions.find((s) => s.demand.id === d.demandId && s.reasonKind === 'declined');
		return waiting
			? [{ assignmentId: d.assignmentId, volunteerName: d.volunteerName, title: waiting.demand.title, reason: d.reasonText }]
			: [];
	});
}
