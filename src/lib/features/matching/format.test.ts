import { describe, expect, it } from 'vitest';
import example from './example.json';
import { MatchingFormatError, parseInstance, parseResult, toResultDocument } from './format';

// The instance shown in shared/formats/matching.md, verbatim.
const DOCUMENTED_EXAMPLE = example;

function issuesOf(doc: unknown): string[] {
	try {
		parseInstance(doc);
	} catch (e) {
		if (e instanceof MatchingFormatError) return e.issues.map((i) => `${i.path}: ${i.message}`);
		throw e;
	}
	throw new Error('expected MatchingFormatError');
}

describe('parseInstance', () => {
	it('reads the documented example', () => {
		const { format: _format, ...expected } = DOCUMENTED_EXAMPLE;
		expect(parseInstance(DOCUMENTED_EXAMPLE)).toEqual(expected);
	});

	it('defaults pinned and forbidden to none', () => {
		const { pinned: _p, forbidden: _f, ...doc } = DOCUMENTED_EXAMPLE;
		expect(parseInstance(doc)).toMatchObject({ pinned: [], forbidden: [] });
	});

	it('names the field and the record id of each problem', () => {
		const doc = structuredClone(DOCUMENTED_EXAMPLE) as Record<string, unknown> & typeof DOCUMENTED_EXAMPLE;
		Object.assign(doc.volunteers[0], { capacity: 0, modes: [], maxTravelMinutes: 1.5 });
		Object.assign(doc.demands[0], { priority: 4, mode: 'boat', seats: '1' });
		expect(issuesOf(doc)).toEqual([
			'volunteers[0] (id "v001").modes: must not be empty',
			'volunteers[0] (id "v001").capacity: must be >= 1',
			'volunteers[0] (id "v001").maxTravelMinutes: must be an integer',
			'demands[0] (id "n001").mode: must be "offline", "online" or "any"',
			'demands[0] (id "n001").seats: must be an integer',
			'demands[0] (id "n001").priority: must be 1, 2 or 3'
		]);
		expect(issuesOf({ ...DOCUMENTED_EXAMPLE, format: 'other/1' })).toEqual(['format: must be "silverbridge.matching/1"']);
		expect(issuesOf({ ...DOCUMENTED_EXAMPLE, pinned: [['n001']] })).toEqual(['pinned[0]: must be a [demandId, volunteerId] pair']);
		expect(issuesOf(null)[0]).toMatch(/^: /);
	});

	it('checks references once the shape is right', () => {
		const doc = structuredClone(DOCUMENTED_EXAMPLE);
		doc.districts.push('d01');
		doc.travelMinutes[1].pop();
		doc.volunteers.push({ ...doc.volunteers[0], district: 'd09' });
		doc.demands[0].district = 'x';
		doc.pinned.push(['n009', 'v009']);
		expect(issuesOf(doc)).toEqual([
			'districts[3]: duplicate id "d01"',
			'volunteers[1] (id "v001").id: duplicate id "v001"',
			'travelMinutes: must have 4 rows, one per district (has 3)',
			'travelMinutes[0]: must have 4 entries, one per district (has 3)',
			'travelMinutes[1]: must have 4 entries, one per district (has 2)',
			'travelMinutes[2]: must have 4 entries, one per district (has 3)',
			'volunteers[1] (id "v001").district: unknown district "d09"',
			'demands[0] (id "n001").district: unknown district "x"',
			'pinned[1][0]: unknown demand "n009"',
			'pinned[1][1]: unknown volunteer "v009"'
		]);
	});
});

describe('result document', () => {
	it('round-trips', () => {
		const doc = toResultDocument({ assignments: [['n001', 'v001']], objective: 115 }, 12.4);
		expect(doc).toEqual({ format: 'silverbridge.matching-result/1', assignments: [['n001', 'v001']], objective: 115, elapsedMs: 12 });
		expect(parseResult(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
		expect(() => parseResult({ ...doc, objective: 1.5 })).toThrow('objective: must be an integer');
	});
});
