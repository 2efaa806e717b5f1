// Random matching instances for the benchmark, reproducible from a seed. Districts are
// points on a 100 km square (travel time grows with distance; in mountain terrain roads
// wind, so each route is 2-4 times slower), schools sit in districts (a share rural),
// demand topics follow a Zipf law, volunteers offer one to three topics. Capacities,
// seats and the mode mix are weight tables, so one generator yields every shape the
// benchmark and the property tests try. The eligibility density (share of demand x
// volunteer pairs that are eligible) is hit by choosing how many topics exist, calibrated
// on a sample of pairs.
import { pairScore } from '../src/lib/features/matching/eligibility';
import type { MatchingDemand, MatchingInstance, MatchingVolunteer, Pair, Priority, SessionMode } from '../src/lib/features/matching/types';
import { mulberry32 as random } from '../src/lib/domain/random';

export interface GeneratorParams {
	readonly districts: number;
	readonly schools: number;
	readonly volunteers: number;
	readonly demands: number;
	/** Zipf exponent of topic popularity: 0 uniform, 1 strongly skewed. */
	readonly topicSkew: number;
	/** Target share of eligible (demand, volunteer) pairs. */
	readonly density: number;
	/** Share of demands given one pinned volunteer. */
	readonly pinShare: number;
	/** Share of demands given one forbidden volunteer. */
	readonly forbiddenShare: number;
	/** Weights of capacity 1, 2, 3, ... (default [30, 35, 25, 10]). */
	readonly capacityWeights?: readonly number[];
	/** Weights of 1, 2, 3, ... seats (default [75, 18, 7]). */
	readonly seatWeights?: readonly number[];
	/** Weights of volunteer modes offline only, both, online only (default [50, 35, 15]). */
	readonly volunteerModeWeights?: readonly [number, number, number];
	/** Weights of demand modes offline, any, online (default [45, 35, 20]). */
	readonly demandModeWeights?: readonly [number, number, number];
	/** Mountain roads: every route between two districts is 2 to 4 times slower. */
	readonly mountain?: boolean;
	/** Share of rural schools (default 0.35). */
	readonly ruralShare?: number;
	readonly seed: number;
}

const MINORITY_LANGUAGES = ['bo', 'ug', 'mn'];

function pick<T>(rnd: () => number, items: readonly T[], weights?: readonly number[]): T {
	if (!weights) return items[Math.floor(rnd() * items.length)];
	let r = rnd() * weights.reduce((a, b) => a + b, 0);
	for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
	return items[items.length - 1];
}

/** The instance without pins and forbidden pairs, for a given number of topics. */
function generateBase(p: GeneratorParams, topicCount: number): MatchingInstance {
	const rnd = random(p.seed);
	const districts = Array.from({ length: p.districts }, (_, i) => `d${String(i).padStart(3, '0')}`);
	const points = districts.map(() => [rnd() * 100, rnd() * 100]);
	const winding = points.map(() => points.map(() => (p.mountain ? 2 + 2 * rnd() : 1)));
	const travelMinutes = points.map(([x1, y1], i) =>
		points.map(([x2, y2], j) => {
			const slowdown = i < j ? winding[i][j] : winding[j][i];
			return i === j ? 0 : Math.round(10 + 1.2 * slowdown * Math.hypot(x1 - x2, y1 - y2));
		})
	);
	const ruralShare = p.ruralShare ?? 0.35;
	const schools = Array.from({ length: p.schools }, () => ({
		district: pick(rnd, districts),
		rural: rnd() < ruralShare
	}));
	const counts = (weights: readonly number[]) => weights.map((_, i) => i + 1);
	const seatWeights = p.seatWeights ?? [75, 18, 7];
	const capacityWeights = p.capacityWeights ?? [30, 35, 25, 10];
	const topics = Array.from({ length: topicCount }, (_, i) => `topic${i}`);
	const popularity = topics.map((_, i) => 1 / (i + 1) ** p.topicSkew);

	const demands: MatchingDemand[] = Array.from({ length: p.demands }, (_, i) => {
		const school = pick(rnd, schools);
		const hardship = rnd() < 0.15;
		return {
			id: `n${i}`,
			district: school.district,
			topic: pick(rnd, topics, popularity),
			mode: pick(rnd, ['offline', 'any', 'online'] as const, p.demandModeWeights ?? [45, 35, 20]),
			seats: pick(rnd, counts(seatWeights), seatWeights),
			priority: (hardship ? 3 : school.rural ? 2 : 1) as Priority,
			language: rnd() < 0.08 ? pick(rnd, MINORITY_LANGUAGES) : undefined
		};
	});
	const volunteers: MatchingVolunteer[] = Array.from({ length: p.volunteers }, (_, i) => {
		const offered = new Set<string>();
		const count = pick(rnd, [1, 2, 3], [40, 40, 20]);
		while (offered.size < Math.min(count, topics.length)) offered.add(pick(rnd, topics, popularity));
		return {
			id: `v${i}`,
			district: pick(rnd, districts),
			topics: [...offered],
			modes: pick<SessionMode[]>(rnd, [['offline'], ['offline', 'online'], ['online']], p.volunteerModeWeights ?? [50, 35, 15]),
			capacity: pick(rnd, counts(capacityWeights), capacityWeights),
			maxTravelMinutes: 30 + Math.floor(rnd() * 90),
			languages: rnd() < 0.12 ? ['zh', pick(rnd, MINORITY_LANGUAGES)] : ['zh']
		};
	});
	return {
		districts,
		travelMinutes,
		volunteers,
		demands,
		pinned: [],
		forbidden: []
	};
}

function minutesFn(instance: MatchingInstance) {
	const index = new Map(instance.districts.map((d, i) => [d, i]));
	return (d: MatchingDemand, v: MatchingVolunteer) => instance.travelMinutes[index.get(v.district)!][index.get(d.district)!];
}

/** Share of eligible pairs, estimated on random pairs. */
function sampleDensity(instance: MatchingInstance, seed: number, samples = 20_000): number {
	const rnd = random(seed);
	const minutes = minutesFn(instance);
	let eligible = 0;
	for (let i = 0; i < samples; i++) {
		const d = pick(rnd, instance.demands);
		const v = pick(rnd, instance.volunteers);
		if (pairScore(d, v, minutes(d, v)) !== null) eligible++;
	}
	return eligible / samples;
}

export function generateInstance(p: GeneratorParams): MatchingInstance {
	// Fewer topics, denser eligibility: take the topic count whose sampled density is closest.
	let best: { instance: MatchingInstance; error: number } | null = null;
	for (let topicCount = 3; topicCount <= 400; topicCount = Math.ceil(topicCount * 1.15)) {
		const instance = generateBase(p, topicCount);
		const error = Math.abs(Math.log(sampleDensity(instance, p.seed + 1) / p.density));
		if (!best || error < best.error) best = { instance, error };
	}
	const instance = best!.instance;
	const rnd = random(p.seed + 2);
	const minutes = minutesFn(instance);
	const byTopic = new Map<string, MatchingVolunteer[]>();
	for (const v of instance.volunteers) {
		for (const t of v.topics) {
			const list = byTopic.get(t);
			if (list) list.push(v);
			else byTopic.set(t, [v]);
		}
	}

	// Pins respect seats and capacities, so the instance stays feasible.
	const pinnedOf = new Map<string, number>();
	const used = new Set<string>();
	const pinned: Pair[] = [];
	const forbidden: Pair[] = [];
	const demandsToTouch = Math.round((p.pinShare + p.forbiddenShare) * instance.demands.length);
	for (let i = 0; i < demandsToTouch; i++) {
		const d = pick(rnd, instance.demands);
		const wantPin = rnd() < p.pinShare / (p.pinShare + p.forbiddenShare);
		const pool = byTopic.get(d.topic) ?? [];
		for (let tries = 0; tries < 30 && pool.length; tries++) {
			const v = pick(rnd, pool);
			const key = `${d.id}|${v.id}`;
			if (used.has(key) || pairScore(d, v, minutes(d, v)) === null) continue;
			if (wantPin) {
				if ((pinnedOf.get(d.id) ?? 0) >= d.seats || (pinnedOf.get(v.id) ?? 0) >= v.capacity) continue;
				pinnedOf.set(d.id, (pinnedOf.get(d.id) ?? 0) + 1);
				pinnedOf.set(v.id, (pinnedOf.get(v.id) ?? 0) + 1);
				pinned.push([d.id, v.id]);
			} else forbidden.push([d.id, v.id]);
			used.add(key);
			break;
		}
	}
	return { ...instance, pinned, forbidden };
}

/** A size of the benchmark; `density` and `districts` are what a shape starts from. */
export interface BenchSize {
	readonly label: string;
	readonly demands: number;
	readonly volunteers: number;
	readonly districts: number;
	readonly schools: number;
	readonly density: number;
}

export const BENCH_SIZES: readonly BenchSize[] = [
	{
		label: '500x150',
		demands: 500,
		volunteers: 150,
		districts: 14,
		schools: 100,
		density: 0.07
	},
	{
		label: '1500x400',
		demands: 1500,
		volunteers: 400,
		districts: 20,
		schools: 250,
		density: 0.05
	},
	{
		label: '3000x800',
		demands: 3000,
		volunteers: 800,
		districts: 30,
		schools: 500,
		density: 0.04
	},
	{
		label: '10000x3000',
		demands: 10000,
		volunteers: 3000,
		districts: 40,
		schools: 1500,
		density: 0.01
	}
];

/** One kind of prefecture: how it changes the size's defaults. */
export interface BenchShape {
	readonly label: string;
	readonly what: string;
	readonly params: (size: BenchSize) => Omit<GeneratorParams, 'seed'>;
}

const base = (s: BenchSize) => ({
	...s,
	topicSkew: 0.8,
	pinShare: 0.02,
	forbiddenShare: 0.02
});
const BOTH_MODES = {
	volunteerModeWeights: [15, 70, 15],
	demandModeWeights: [20, 60, 20]
} as const;

export const BENCH_SHAPES: readonly BenchShape[] = [
	{
		label: 'typical',
		what: 'Zipf 0.8 topics, capacities 1-4, 2 % pins and bans',
		params: base
	},
	{
		label: 'skewed-tight',
		what: 'Zipf 1.4 topics, capacities 1-3 (most 1), more seats: demand far exceeds supply',
		params: (s) => ({
			...base(s),
			topicSkew: 1.4,
			capacityWeights: [55, 30, 15],
			seatWeights: [55, 25, 15, 5]
		})
	},
	{
		label: 'both-modes',
		what: '70 % of volunteers offline and online, 60 % of demands either',
		params: (s) => ({ ...base(s), ...BOTH_MODES })
	},
	{
		label: 'mountain',
		what: '9 districts, winding roads (2-4x slower), 60 % rural',
		params: (s) => ({
			...base(s),
			districts: 9,
			mountain: true,
			ruralShare: 0.6
		})
	},
	{
		label: 'pins-seats',
		what: '6 % pins, 6 % bans, up to 4 seats, capacities up to 6',
		params: (s) => ({
			...base(s),
			pinShare: 0.06,
			forbiddenShare: 0.06,
			seatWeights: [45, 25, 20, 10],
			capacityWeights: [15, 20, 20, 20, 15, 10]
		})
	},
	{
		label: 'mixed',
		what: 'all of the above at once, twice the density',
		params: (s) => ({
			...base(s),
			...BOTH_MODES,
			density: 2 * s.density,
			topicSkew: 1.4,
			capacityWeights: [25, 30, 25, 20],
			districts: 9,
			mountain: true,
			ruralShare: 0.6,
			pinShare: 0.03,
			forbiddenShare: 0.03
		})
	}
];
