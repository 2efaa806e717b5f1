import { describe, expect, it } from 'vitest';
import { roundCapacity, roundMonths } from './capacity';

describe('round capacity', () => {
	it('counts a spring semester as about five months', () => {
		expect(roundMonths(new Date('2027-02-22'), new Date('2027-07-09'))).toBe(5);
		expect(roundCapacity(2, new Date('2027-02-22'), new Date('2027-07-09'))).toBe(10);
	});
	it('gives a short round at least one month', () => {
		expect(roundMonths(new Date('2027-03-01'), new Date('2027-03-03'))).toBe(1);
	});
});
