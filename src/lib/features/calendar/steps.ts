// What a person can do next about one session, as links to the pages that do it. Pure, so the
// session page and its test share one rule; the procedures behind each page still decide.

export type StepKind = 'answer' | 'my_sessions' | 'confirm' | 'record' | 'evaluate' | 'timetable' | 'ics';

export interface Step {
	kind: StepKind;
	href: string;
}

export interface Viewer {
	/** The viewer holds a seat of the session. */
	seated: boolean;
	/** The viewer is the hosting school (confirms, evaluates). */
	hosts: boolean;
	/** The viewer coordinates the round the session belongs to. */
	coordinates: boolean;
}

const OPEN = new Set(['planned', 'accepted', 'confirmed']);

export function sessionSteps(
	viewer: Viewer,
	session: { id: string; roundId: string; status: string; endsAt: string },
	now: Date = new Date()
): Step[] {
	const ended = new Date(session.endsAt) <= now;
	const recordable = ended && (OPEN.has(session.status) || session.status === 'held' || session.status === 'not_held');
	const steps: Step[] = [];
	if (viewer.seated) {
		if (session.status === 'planned' && !ended) steps.push({ kind: 'answer', href: '/me/invitations' });
		else if (recordable) steps.push({ kind: 'record', href: `/me/sessions/${session.id}/record` });
		else steps.push({ kind: 'my_sessions', href: '/me/invitations' });
	}
	if (viewer.hosts) {
		if (recordable) steps.push({ kind: 'evaluate', href: `/sessions/${session.id}/record` });
		else if (OPEN.has(session.status)) steps.push({ kind: 'confirm', href: '/school/sessions' });
	}
	if (viewer.coordinates) {
		steps.push({ kind: 'timetable', href: `/rounds/${session.roundId}` });
		if (recordable) steps.push({ kind: 'record', href: `/sessions/${session.id}/record` });
	}
	if (session.status !== 'cancelled') steps.push({ kind: 'ics', href: `/calendar/session/${session.id}.ics` });
	// A coordinator who is also the host would get the same record page twice.
	return steps.filter((s, i) => steps.findIndex((o) => o.href === s.href) === i);
}
