// The report and the shortlist as .xlsx: the very numbers the page shows (same objects),
// plus a sheet of the records behind them. No pupil data exists in either input.
import ExcelJS from 'exceljs';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import type { Download } from '$lib/features/spreadsheets/lists';
import { DIMENSIONS, type Period } from './domain';
import { dayAt } from '$lib/domain/dates';
import { rowLabel } from './labels';
import type { Figures, Report, ReportRow } from './report';

const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : 0);

/** The headline figures in page order: [label, value]. Shares are percentages to one decimal. */
export function figureList(t: Figures, locale: Locale): [string, number | null][] {
	const o = { locale };
	return [
		[m.reports_sessions({}, o), t.sessions],
		[m.reports_hours({}, o), t.hours],
		[m.reports_reached({}, o), t.reached],
		[m.reports_volunteers({}, o), t.volunteers],
		[m.reports_schools({}, o), t.schools],
		[`${m.reports_rural_share({}, o)} %`, share(t.rural, t.sessions)],
		[`${m.reports_left_behind_share({}, o)} %`, share(t.leftBehind, t.sessions)],
		[m.reports_average_score({}, o), t.averageScore]
	];
}

export { share };

const SHEET_TITLES = {
	district: 'reports_by_district',
	school: 'reports_by_school',
	kind: 'reports_by_kind',
	topic: 'reports_by_topic',
	category: 'reports_by_category'
} as const;

function rowHeaders(locale: Locale) {
	const o = { locale };
	return [
		m.reports_name({}, o),
		m.reports_sessions({}, o),
		m.reports_hours({}, o),
		m.reports_reached({}, o),
		m.reports_volunteers({}, o),
		m.reports_schools({}, o),
		m.reports_average_score({}, o)
	];
}
const rowCells = (r: ReportRow) => [r.sessions, r.hours, r.reached, r.volunteers, r.schools, r.averageScore];

async function download(wb: ExcelJS.Workbook, name: string, period: Period): Promise<Download> {
	const bytes = await wb.xlsx.writeBuffer();
	return { fileName: `${name}-${period.from}-${period.to}.xlsx`, content: Buffer.from(bytes).toString('base64') };
}

/** A sheet whose first row is the bold header. */
function sheet(wb: ExcelJS.Workbook, name: string, headers: string[]) {
	const ws = wb.addWorksheet(name);
	ws.properties.defaultColWidth = 16;
	ws.addRow(headers).font = { bold: true };
	return ws;
}

export interface DrillRecord {
	heldAt: Date;
	school: string;
	title: string;
	volunteers: string;
	kind: string;
	topic: string;
	category: string | null;
	outcome: string;
	minutes: number;
	reached: number;
	score: number | null;
}

export async function reportWorkbook(
	report: Report & { orgNames: Record<string, string> },
	records: DrillRecord[],
	locale: Locale
): Promise<Download> {
	const o = { locale };
	const wb = new ExcelJS.Workbook();
	const figures = sheet(wb, m.reports_sheet_figures({}, o), [m.reports_figure({}, o), m.reports_value({}, o)]);
	for (const row of figureList(report.totals, locale)) figures.addRow(row);
	figures.addRow([m.reports_period_label({ from: report.period.from, to: report.period.to }, o)]);
	for (const d of DIMENSIONS) {
		const ws = sheet(wb, m[SHEET_TITLES[d]]({}, o), rowHeaders(locale));
		for (const r of report.breakdowns[d]) ws.addRow([rowLabel(d, r.key, report.orgNames, locale), ...rowCells(r)]);
	}
	const trend = sheet(wb, m.reports_trend({}, o), [
		m.reports_month({}, o),
		m.reports_sessions({}, o),
		m.reports_hours({}, o),
		m.reports_reached({}, o)
	]);
	for (const mo of report.months) trend.addRow([mo.month, mo.sessions, mo.hours, mo.reached]);
	const rec = sheet(wb, m.reports_records({}, o), [
		m.reports_date({}, o),
		m.reports_school({}, o),
		m.reports_activity({}, o),
		m.reports_volunteer({}, o),
		m.reports_kind({}, o),
		m.reports_topic({}, o),
		m.reports_category({}, o),
		m.reports_minutes({}, o),
		m.reports_reached({}, o),
		m.reports_score({}, o)
	]);
	for (const r of records) {
		rec.addRow([
			dayAt(r.heldAt),
			r.school,
			r.title,
			r.volunteers,
			rowLabel('kind', r.kind, {}, locale),
			rowLabel('topic', r.topic, {}, locale),
			r.category ? rowLabel('category', r.category, {}, locale) : '',
			r.minutes,
			r.reached,
			r.score === null ? null : Math.round(r.score * 100) / 100
		]);
	}
	return download(wb, m.reports_file({}, o), report.period);
}

interface Shortlist {
	thresholds: { minSessions: number; minAverageScore: number };
	volunteers: {
		name: string;
		category: string | null;
		sessions: number;
		hours: number;
		reached: number;
		averageScore: number | null;
		eligible: boolean;
	}[];
	schools: { name: string; sessions: number; hours: number; reached: number; volunteers: number; averageScore: number | null }[];
}

export async function shortlistWorkbook(list: Shortlist, period: Period, locale: Locale): Promise<Download> {
	const o = { locale };
	const wb = new ExcelJS.Workbook();
	const vs = sheet(wb, m.reports_shortlist({}, o), [
		m.reports_rank({}, o),
		m.reports_volunteer({}, o),
		m.reports_category({}, o),
		m.reports_hours({}, o),
		m.reports_sessions({}, o),
		m.reports_reached({}, o),
		m.reports_average_score({}, o),
		m.reports_eligible({}, o)
	]);
	list.volunteers.forEach((v, i) =>
		vs.addRow([
			i + 1,
			v.name,
			v.category ? rowLabel('category', v.category, {}, locale) : '',
			v.hours,
			v.sessions,
			v.reached,
			v.averageScore,
			v.eligible ? m.reports_yes({}, o) : ''
		])
	);
	vs.addRow([m.reports_shortlist_rule({ sessions: list.thresholds.minSessions, score: list.thresholds.minAverageScore }, o)]);
	const ss = sheet(wb, m.reports_schools_ranked({}, o), [
		m.reports_rank({}, o),
		m.reports_school({}, o),
		m.reports_sessions({}, o),
		m.reports_hours({}, o),
		m.reports_reached({}, o),
		m.reports_volunteers({}, o),
		m.reports_average_score({}, o)
	]);
	list.schools.forEach((s, i) => ss.addRow([i + 1, s.name, s.sessions, s.hours, s.reached, s.volunteers, s.averageScore]));
	return download(wb, m.reports_shortlist_file({}, o), period);
}
