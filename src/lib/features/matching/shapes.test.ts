// The benchmark's kinds of prefecture (bench/match-generator.ts: skewed topics, tight
// capacities, volunteers offering both modes, mountain districts, many pins and bans,
// several seats, all at once), scaled down: the engine must reach the exhaustive optimum on
// tiny ones, HiGHS' optimum on medium ones, and stay optimal when pinning on them.
import loadHighs from 'highs';
import { describe, expect, it } from 'vitest';
import { mulberry32 as random } from '$lib/domain/random';
import { BENCH_SHAPES, generateInstance, type BenchSize } from '../../../../bench/match-generator';
import { validateAssignment } from './evaluate';
import { buildLinearProgram } from './lp';
import { Matcher, solveMatching } from './matcher';
import { bruteForceOptimum } from './testing';

const highs = await loadHighs();

function highsOptimum(instance: Parameters<typeof buildLinearProgram>[0]): number {
	const { pairs: _pairs, ...model } = buildLinearProgram(instance);
	return highs.withModel({ ...model, sense: highs.constants.objectiveSense.maximize }, (m) => {
		m.options.set({ output_flag: false });
		m.run();
		return m.getModelStatus() === highs.constants.modelStatus.empty ? 0 : m.getObjectiveValue();
	});
}

const tiny: BenchSize = { label: 'tiny', demands: 6, volunteers: 3, districts: 3, schools: 4, density: 0.4 };
const medium: BenchSize = { label: 'medium', demands: 150, volunteers: 45, districts: 12, schools: 40, density: 0.08 };

describe.each(BENCH_SHAPES.map((shape) => [shape.label, shape] as const))('shape %s', (_label, shape) => {
	it('reaches the exhaustive optimum on tiny instances', () => {
		for (let seed = 1; seed <= 12; seed++) {
			const instance = generateInstance({ ...shape.params(tiny), seed });
			const expected = bruteForceOptimum(instance);
			expect(expected).not.toBeNull();
			const result = solveMatching(instance);
			expect(result.objective).toBe(expected!.objective);
			expect(validateAssignment(instance, result.assignments)).toEqual([]);
		}
	});

	it('reaches the HiGHS optimum on medium instances and after pins', () => {
		for (let seed = 1; seed <= 3; seed++) {
			const instance = generateInstance({ ...shape.params(medium), seed });
			const matcher = new Matcher(instance);
			expect(matcher.objective).toBe(Math.round(highsOptimum(instance)));
			expect(validateAssignment(instance, matcher.solve().assignments)).toEqual([]);
			const rnd = random(seed);
			for (let pins = 0; pins < 5; pins++) {
				const demand = instance.demands[Math.floor(rnd() * instance.demands.length)];
				const candidate = matcher.topCandidates(demand.id, 5).find((c) => !c.pinned && c.objectiveDelta !== null);
				if (!candidate) continue;
				try {
					matcher.pin(demand.id, candidate.volunteerId);
				} catch {
					continue; // seats or capacity already taken by pins
				}
				expect(matcher.objective).toBe(Math.round(highsOptimum(matcher.toInstance())));
			}
		}
	});
});
