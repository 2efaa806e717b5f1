// Seeded pseudo-random numbers (mulberry32): the demo seed, the benchmarks and the tests build
// the same data on every machine and every run.

/** Numbers in [0, 1), the same sequence for the same seed. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The seeded generator with the draws data builders need. */
export function seededRandom(seed: number) {
	const next = mulberry32(seed);
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const weighted = <T>(entries: readonly (readonly [T, number])[]): T => {
		const total = entries.reduce((s, [, w]) => s + w, 0);
		let r = next() * total;
		for (const [value, w] of entries) if ((r -= w) < 0) return value;
		return entries[entries.length - 1][0];
	};
	const sample = <T>(list: readonly T[], n: number): T[] => {
		const copy = [...list];
		const out: T[] = [];
		while (out.length < n && copy.length) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
		return out;
	};
	return { next, int, pick, weighted, sample };
}
