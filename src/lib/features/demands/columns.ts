// How a need's form fields are stored, and what the audit log keeps of a need: shared by the
// demands procedures and the spreadsheet import.
import { dateToDay, dayToDate } from '$lib/domain/dates';
import { priorityOf } from './domain';
import type { DemandFields } from './schemas';

/** The stored columns of a need's fields. */
export function demandColumns(f: DemandFields) {
	return {
		kind: f.kind,
		title: f.title,
		topic: f.topic,
		audience: f.audience.join(','),
		audienceSize: f.audienceSize,
		mode: f.mode,
		windowFrom: dayToDate(f.windowFrom),
		windowTo: dayToDate(f.windowTo),
		sessionCount: f.sessionCount,
		sessionMinutes: f.sessionMinutes,
		seats: f.seats,
		rural: f.rural,
		leftBehind: f.leftBehind,
		hardship: f.hardship,
		priority: priorityOf(f),
		language: f.language,
		notes: f.notes
	};
}

/** What an audit entry keeps of a need: never the pupil's identity. */
export const demandAuditView = (d: {
	title: string;
	kind: string;
	topic: string;
	status: string;
	seats: number;
	priority: number;
	windowFrom: Date;
	windowTo: Date;
}) => ({
	title: d.title,
	kind: d.kind,
	topic: d.topic,
	status: d.status,
	seats: d.seats,
	priority: d.priority,
	windowFrom: dateToDay(d.windowFrom),
	windowTo: dateToDay(d.windowTo)
});
