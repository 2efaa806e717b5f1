// The matching engine's domain, as plain data. It mirrors `silverbridge.matching/1`
// (shared/formats/matching.md) so the batch format parses straight into it, and the
// board and the database adapter build the same shapes from their own records.

/** How one session is held. */
export type SessionMode = 'offline' | 'online';

/** How a demand may be served: `any` accepts either mode. */
export type DemandMode = SessionMode | 'any';

/** 1 normal, 2 rural or under-served school, 3 left-behind or hardship pupils. */
export type Priority = 1 | 2 | 3;

/** A school's request (需求): it wants `seats` distinct volunteers. */
export interface MatchingDemand {
	readonly id: string;
	readonly district: string;
	readonly topic: string;
	readonly mode: DemandMode;
	readonly seats: number;
	readonly priority: Priority;
	/** When set, the volunteer must speak it. */
	readonly language?: string | null;
}

/** A veteran's offer (资源): takes at most `capacity` demands in this instance. */
export interface MatchingVolunteer {
	readonly id: string;
	readonly district: string;
	readonly topics: readonly string[];
	readonly modes: readonly SessionMode[];
	readonly capacity: number;
	readonly maxTravelMinutes: number;
	readonly languages: readonly string[];
}

/** A (demand id, volunteer id) pair, in the order the batch format uses. */
export type Pair = readonly [demandId: string, volunteerId: string];

export interface MatchingInstance {
	readonly districts: readonly string[];
	/**
	 * `travelMinutes[i][j]`: minutes from `districts[i]` to `districts[j]`. `null` means no
	 * known route (the board may lack a travel time), which rules out the offline option.
	 */
	readonly travelMinutes: readonly (readonly (number | null)[])[];
	readonly volunteers: readonly MatchingVolunteer[];
	readonly demands: readonly MatchingDemand[];
	/** Pairs placed by hand: every solution contains them. */
	readonly pinned: readonly Pair[];
	/** Pairs never to assign. Pairs naming unknown ids are ignored (they may belong to another round). */
	readonly forbidden: readonly Pair[];
}

/**
 * The objective's integer weights. `REFERENCE_WEIGHTS` (eligibility.ts) is the objective of
 * the batch format; coordinators may tune these, never the structure.
 */
export interface ScoringWeights {
	/** Points for serving a demand of each priority. */
	readonly priorityPoints: Readonly<Record<Priority, number>>;
	/** Points lost when a demand is served online instead of in person. */
	readonly onlinePenalty: number;
	/** Points lost per minute of travel for an offline session. */
	readonly minutePenalty: number;
	/** The k-th demand given to one volunteer costs `loadStep * (k - 1)` (load spreading). */
	readonly loadStep: number;
}

export interface MatchingSolution {
	/** Ordered by demand, then volunteer, as they appear in the instance. */
	readonly assignments: Pair[];
	readonly objective: number;
}
