// The life of a need: how its priority follows from its flags, and which status moves
// are allowed for whom. Pure functions, shared by the form, the list and the server.
import type { RoleCode } from '$lib/domain/vocabulary';

export const DEMAND_STATUSES = ['draft', 'open', 'matched', 'scheduled', 'done', 'withdrawn'] as const;
export type DemandStatusCode = (typeof DEMAND_STATUSES)[number];

/** Left-behind or hardship pupils come first, then rural or under-served schools. */
export function priorityOf(flags: { rural: boolean; leftBehind: boolean; hardship: boolean }): 1 | 2 | 3 {
	if (flags.leftBehind || flags.hardship) return 3;
	return flags.rural ? 2 : 1;
}

/** Moves a school may make itself; coordinators also drive matching and completion. */
const SCHOOL_MOVES: Partial<Record<DemandStatusCode, DemandStatusCode[]>> = {
	draft: ['open', 'withdrawn'],
	open: ['draft', 'withdrawn'],
	matched: ['withdrawn'],
	scheduled: ['withdrawn'],
	withdrawn: ['draft']
};

const COORDINATOR_MOVES: Partial<Record<DemandStatusCode, DemandStatusCode[]>> = {
	draft: ['open', 'withdrawn'],
	open: ['draft', 'matched', 'withdrawn'],
	matched: ['open', 'scheduled', 'withdrawn'],
	scheduled: ['matched', 'done', 'withdrawn'],
	withdrawn: ['draft']
};

export function allowedMoves(from: DemandStatusCode, roles: readonly RoleCode[]): DemandStatusCode[] {
	const moves = new Set<DemandStatusCode>();
	if (roles.includes('school')) for (const to of SCHOOL_MOVES[from] ?? []) moves.add(to);
	if (roles.includes('coordinator') || roles.includes('admin')) for (const to of COORDINATOR_MOVES[from] ?? []) moves.add(to);
	return DEMAND_STATUSES.filter((s) => moves.has(s));
}

/** A need about one pupil: the pupil section of the form applies. */
export const isAboutAPupil = (kind: string) => kind === 'mentoring' || kind === 'tutoring';
