// Random matching instances for the benchmark, reproducible from a seed. Districts are
// points on a 100 km square (travel time grows with distance), schools sit in districts
// (a third rural), demand topics follow a Zipf law, volunteers offer one to three topics.
// The eligibility density (share of demand x volunteer pairs that are eligible) is hit by
// choosing how many topics exist, calibrated on a sample of pairs.
import { pairScore } from '../src/lib/features/matching/eligibility';
import type { MatchingDemand, MatchingInstance, MatchingVolunteer, Pair, Priority, SessionMode } from '../src/lib/features/matching/types';

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
	readonly seed: number;
}

/** mulberry32: small, fast, good enough for test data. */
export function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
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
	const travelMinutes = points.map(([x1, y1], i) =>
		points.map(([x2, y2], j) => (i === j ? 0 : Math.round(10 + 1.2 * Math.hypot(x1 - x2, y1 - y2))))
	);
	const schools = Array.from({ length: p.schools }, () => ({ district: pick(rnd, districts), rural: rnd() < 0.35 }));
	const topics = Array.from({ length: topicCount }, (_, i) => `topic${i}`);
	const popularity = topics.map((_, i) => 1 / (i + 1) ** p.topicSkew);

	const demands: MatchingDemand[] = Array.from({ length: p.demands }, (_, i) => {
		const school = pick(rnd, schools);
		const hardship = rnd() < 0.15;
		return {
			id: `n${i}`,
			district: school.district,
			topic: pick(rnd, topics, popularity),
			mode: pick(rnd, ['offline', 'any', 'online'] as const, [45, 35, 20]),
			seats: pick(rnd, [1, 2, 3], [75, 18, 7]),
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
			modes: pick<SessionMode[]>(rnd, [['offline'], ['offline', 'online'], ['online']], [50, 35, 15]),
			capacity: pick(rnd, [1, 2, 3, 4], [30, 35, 25, 10]),
			maxTravelMinutes: 30 + Math.floor(rnd() * 90),
			languages: rnd() < 0.12 ? ['zh', pick(rnd, MINORITY_LANGUAGES)] : ['zh']
		};
	});
	return { districts, travelMinutes, volunteers, demands, pinned: [], forbidden: [] };
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
