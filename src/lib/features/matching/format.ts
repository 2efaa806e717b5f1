// The batch contract `silverbridge.matching/1` and its result `silverbridge.matching-result/1`
// (shared/formats/matching.md). Errors name the field path and, inside an array of records,
// the record's id, so a bad instance can be fixed without counting array positions.
import { z } from 'zod';
import type { MatchingInstance, MatchingSolution, Pair } from './types';
import { BatchFormatError, parseWith, type FormatIssue } from '../../domain/batch-format';

export const INSTANCE_FORMAT = 'silverbridge.matching/1';
export const RESULT_FORMAT = 'silverbridge.matching-result/1';

const id = z.string().min(1, { error: 'must be a non-empty string' });
const count = (min: number) => z.int({ error: 'must be an integer' }).min(min, { error: `must be >= ${min}` });
const pair = z.tuple([z.string(), z.string()], { error: 'must be a [demandId, volunteerId] pair' });

const volunteerSchema = z.object({
	id,
	district: z.string(),
	topics: z.array(z.string()),
	modes: z.array(z.enum(['offline', 'online'], { error: 'must be "offline" or "online"' })).min(1, { error: 'must not be empty' }),
	capacity: count(1),
	maxTravelMinutes: count(0),
	languages: z.array(z.string())
});

const demandSchema = z.object({
	id,
	district: z.string(),
	topic: z.string(),
	mode: z.enum(['offline', 'online', 'any'], { error: 'must be "offline", "online" or "any"' }),
	seats: count(1),
	priority: z.literal([1, 2, 3], { error: 'must be 1, 2 or 3' }),
	language: z.string().nullish()
});

const instanceSchema = z
	.object({
		format: z.literal(INSTANCE_FORMAT, { error: `must be "${INSTANCE_FORMAT}"` }),
		districts: z.array(id),
		travelMinutes: z.array(z.array(count(0))),
		volunteers: z.array(volunteerSchema),
		demands: z.array(demandSchema),
		pinned: z.array(pair).default([]),
		forbidden: z.array(pair).default([])
	})
	.superRefine((doc, ctx) => {
		const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
		const unique = (field: 'districts' | 'volunteers' | 'demands', ids: string[]) => {
			const seen = new Set<string>();
			ids.forEach((value, i) => {
				if (seen.has(value)) issue(field === 'districts' ? [field, i] : [field, i, 'id'], `duplicate id "${value}"`);
				seen.add(value);
			});
			return seen;
		};
		const districts = unique('districts', doc.districts);
		const volunteers = unique(
			'volunteers',
			doc.volunteers.map((v) => v.id)
		);
		const demands = unique(
			'demands',
			doc.demands.map((d) => d.id)
		);
		const n = doc.districts.length;
		if (doc.travelMinutes.length !== n) issue(['travelMinutes'], `must have ${n} rows, one per district (has ${doc.travelMinutes.length})`);
		doc.travelMinutes.forEach((row, i) => {
			if (row.length !== n) issue(['travelMinutes', i], `must have ${n} entries, one per district (has ${row.length})`);
		});
		doc.volunteers.forEach((v, i) => {
			if (!districts.has(v.district)) issue(['volunteers', i, 'district'], `unknown district "${v.district}"`);
		});
		doc.demands.forEach((d, i) => {
			if (!districts.has(d.district)) issue(['demands', i, 'district'], `unknown district "${d.district}"`);
		});
		// A pin must name real records; a forbidden pair naming unknown ids is harmless (the
		// format's own example forbids a demand that is not in the instance) and is ignored.
		doc.pinned.forEach(([d, v], i) => {
			if (!demands.has(d)) issue(['pinned', i, 0], `unknown demand "${d}"`);
			if (!volunteers.has(v)) issue(['pinned', i, 1], `unknown volunteer "${v}"`);
		});
	});

const resultSchema = z.object({
	format: z.literal(RESULT_FORMAT, { error: `must be "${RESULT_FORMAT}"` }),
	assignments: z.array(pair),
	objective: z.int({ error: 'must be an integer' }),
	elapsedMs: count(0)
});

export type { FormatIssue };

export class MatchingFormatError extends BatchFormatError {
	override name = 'MatchingFormatError';
}

/**
 * Reads a `silverbridge.matching/1` document; throws `MatchingFormatError` listing every
 * problem of shape first, then (once the shape is right) every broken cross-reference.
 */
export function parseInstance(doc: unknown): MatchingInstance {
	const { format: _format, ...instance } = parseWith(instanceSchema, `${INSTANCE_FORMAT} instance`, doc, MatchingFormatError);
	return instance;
}

export interface ResultDocument {
	readonly format: typeof RESULT_FORMAT;
	readonly assignments: Pair[];
	readonly objective: number;
	readonly elapsedMs: number;
}

export function parseResult(doc: unknown): ResultDocument {
	return parseWith(resultSchema, `${RESULT_FORMAT} result`, doc, MatchingFormatError);
}

export function toResultDocument(solution: MatchingSolution, elapsedMs: number): ResultDocument {
	return { format: RESULT_FORMAT, assignments: solution.assignments, objective: solution.objective, elapsedMs: Math.round(elapsedMs) };
}
