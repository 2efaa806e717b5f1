// The batch contract `silverbridge.scheduling/1` and its result
// `silverbridge.scheduling-result/1` (shared/formats/scheduling.md). Errors name the field
// path and, inside an array of records, the record's id, e.g.
// `sessions[3] (id "x004").window.from: not a real date`.
//
// Only the document's shape and references are checked here. Whether fixed starts can be
// honoured (on the grid, inside the windows, not clashing) is the engine's question: it
// answers with `InfeasibleFixedError`, naming the sessions.
import { z } from 'zod';
import { dayNumber, minuteOfDay, parseStart } from './calendar';
import type { Placement, ScheduleResult, SchedulingInstance } from './types';
import { BatchFormatError, parseWith, type FormatIssue } from '../../../domain/batch-format';

export const INSTANCE_FORMAT = 'silverbridge.scheduling/1';
export const RESULT_FORMAT = 'silverbridge.scheduling-result/1';

const id = z.string().min(1, { error: 'must be a non-empty string' });
const count = (min: number) => z.int({ error: 'must be an integer' }).min(min, { error: `must be >= ${min}` });
const date = z
	.string({ error: 'must be a date YYYY-MM-DD' })
	.refine((s) => dayNumber(s) !== null, { error: 'not a real date (YYYY-MM-DD)' });
const time = z
	.string({ error: 'must be a time HH:MM' })
	.refine((s) => minuteOfDay(s) !== null, { error: 'not a time between 00:00 and 24:00 (HH:MM)' });
const start = z
	.string({ error: 'must be a start YYYY-MM-DDTHH:MM' })
	.refine((s) => parseStart(s) !== null, { error: 'not a real start (YYYY-MM-DDTHH:MM, before 24:00)' });

const dateRange = z
	.object({ from: date, to: date })
	.refine((r) => dayNumber(r.from)! <= dayNumber(r.to)!, { error: 'must not end before it starts', path: ['to'] });

const weekly = z
	.object({
		weekday: z.literal([1, 2, 3, 4, 5, 6, 7], { error: 'must be 1 (Monday) to 7 (Sunday)' }),
		from: time,
		to: time
	})
	.refine((w) => minuteOfDay(w.from)! < minuteOfDay(w.to)!, { error: 'must end after it starts', path: ['to'] });

const volunteerSchema = z.object({
	id,
	district: z.string(),
	maxPerWeek: count(0),
	weekly: z.array(weekly),
	leave: z.array(dateRange).default([])
});

const schoolSchema = z.object({
	id,
	district: z.string(),
	rooms: count(0),
	weekly: z.array(weekly),
	blackout: z.array(dateRange).default([])
});

const sessionSchema = z.object({
	id,
	school: z.string(),
	volunteers: z.array(z.string()),
	minutes: count(1),
	mode: z.enum(['offline', 'online'], { error: 'must be "offline" or "online"' }),
	priority: count(0),
	window: dateRange
});

const placementSchema = z.object({ session: z.string(), start });

const instanceSchema = z
	.object({
		format: z.literal(INSTANCE_FORMAT, { error: `must be "${INSTANCE_FORMAT}"` }),
		horizon: z.object({ start: date, days: count(1), slotMinutes: count(1) }),
		districts: z.array(id),
		travelMinutes: z.array(z.array(z.number({ error: 'must be a number' }).min(0, { error: 'must be >= 0' }))),
		volunteers: z.array(volunteerSchema),
		schools: z.array(schoolSchema),
		sessions: z.array(sessionSchema),
		series: z.array(z.object({ sessions: z.array(z.string()).min(1, { error: 'must not be empty' }), minGapDays: count(0) })).default([]),
		fixed: z.array(placementSchema).default([]),
		previous: z.array(placementSchema).default([])
	})
	.superRefine((doc, ctx) => {
		const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
		const unique = (field: 'districts' | 'volunteers' | 'schools' | 'sessions', ids: string[]) => {
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
		const schools = unique(
			'schools',
			doc.schools.map((s) => s.id)
		);
		const sessions = unique(
			'sessions',
			doc.sessions.map((s) => s.id)
		);
		const n = doc.districts.length;
		if (doc.travelMinutes.length !== n) issue(['travelMinutes'], `must have ${n} rows, one per district (has ${doc.travelMinutes.length})`);
		doc.travelMinutes.forEach((row, i) => {
			if (row.length !== n) issue(['travelMinutes', i], `must have ${n} entries, one per district (has ${row.length})`);
		});
		doc.volunteers.forEach((v, i) => {
			if (!districts.has(v.district)) issue(['volunteers', i, 'district'], `unknown district "${v.district}"`);
		});
		doc.schools.forEach((s, i) => {
			if (!districts.has(s.district)) issue(['schools', i, 'district'], `unknown district "${s.district}"`);
		});
		doc.sessions.forEach((s, i) => {
			if (!schools.has(s.school)) issue(['sessions', i, 'school'], `unknown school "${s.school}"`);
			const own = new Set<string>();
			s.volunteers.forEach((v, j) => {
				if (!volunteers.has(v)) issue(['sessions', i, 'volunteers', j], `unknown volunteer "${v}"`);
				else if (own.has(v)) issue(['sessions', i, 'volunteers', j], `volunteer "${v}" is listed twice`);
				own.add(v);
			});
			if (s.minutes % doc.horizon.slotMinutes !== 0)
				issue(['sessions', i, 'minutes'], `must be a multiple of horizon.slotMinutes (${doc.horizon.slotMinutes})`);
		});
		const inSeries = new Set<string>();
		doc.series.forEach((series, i) =>
			series.sessions.forEach((s, j) => {
				if (!sessions.has(s)) issue(['series', i, 'sessions', j], `unknown session "${s}"`);
				else if (inSeries.has(s)) issue(['series', i, 'sessions', j], `session "${s}" is already in a series`);
				inSeries.add(s);
			})
		);
		for (const field of ['fixed', 'previous'] as const) {
			const listed = new Set<string>();
			doc[field].forEach((p, i) => {
				if (!sessions.has(p.session)) issue([field, i, 'session'], `unknown session "${p.session}"`);
				else if (listed.has(p.session)) issue([field, i, 'session'], `session "${p.session}" is listed twice`);
				listed.add(p.session);
			});
		}
	});

const resultSchema = z.object({
	format: z.literal(RESULT_FORMAT, { error: `must be "${RESULT_FORMAT}"` }),
	placements: z.array(placementSchema),
	unscheduled: z.array(z.string()),
	cost: z.number({ error: 'must be a number' }),
	elapsedMs: z.number({ error: 'must be a number' }).min(0, { error: 'must be >= 0' })
});

export type { FormatIssue };

export class SchedulingFormatError extends BatchFormatError {
	override name = 'SchedulingFormatError';
}

/**
 * Reads a `silverbridge.scheduling/1` document; throws `SchedulingFormatError` listing every
 * problem of shape first, then (once the shape is right) every broken cross-reference.
 * `series`, `fixed`, `previous`, `leave` and `blackout` may be omitted (empty).
 */
export function parseInstance(doc: unknown): SchedulingInstance {
	const { format: _format, ...instance } = parseWith(instanceSchema, `${INSTANCE_FORMAT} instance`, doc, SchedulingFormatError);
	return instance;
}

export interface ResultDocument extends ScheduleResult {
	readonly format: typeof RESULT_FORMAT;
}

export function parseResult(doc: unknown): ResultDocument {
	return parseWith(resultSchema, `${RESULT_FORMAT} result`, doc, SchedulingFormatError);
}

export function toInstanceDocument(instance: SchedulingInstance): { format: typeof INSTANCE_FORMAT } & SchedulingInstance {
	return { format: INSTANCE_FORMAT, ...instance };
}

export function toResultDocument(result: {
	placements: readonly Placement[];
	unscheduled: readonly string[];
	cost: number;
	elapsedMs: number;
}): ResultDocument {
	return {
		format: RESULT_FORMAT,
		placements: [...result.placements],
		unscheduled: [...result.unscheduled],
		cost: result.cost,
		elapsedMs: Math.round(result.elapsedMs)
	};
}
