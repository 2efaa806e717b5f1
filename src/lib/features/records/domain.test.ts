import { describe, expect, it } from 'vitest';
import { averageScore } from './domain';

describe('average evaluation', () => {
	it('rounds an exact half up, whatever order the scores were added in', () => {
		// Three evaluations of (4, 4, 3) and five of (4, 4, 4): scores 11/3 and 4, average exactly 3.875.
		const thirds = 3 * 11 + 5 * 12;
		expect(averageScore(thirds, 8)).toBe(3.88);
		expect(averageScore(12, 1)).toBe(4);
		expect(averageScore(10, 1)).toBe(3.33);
	});
});
