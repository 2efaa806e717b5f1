// The demand list as a spreadsheet: its columns, a row read into the need form's fields
// (validated by `demandFields`), and how rows find needs already posted — the same school,
// kind, title and earliest date — so importing a file twice posts nothing twice. A pupil's
// identity never travels through a spreadsheet, in either direction. Pure.
import { dayToDate } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import { demandFields, type DemandFields } from '../demands/schemas';
import type { Cell } from './cells';
import { columnName, readRow, schemaProblems, type ImportProblem, type ReadRow, type RowContext } from './rows';
import { labelOf, VOCABULARIES, type ColumnSpec } from './sheet-spec';

export type DemandColumn =
	| 'school'
	| 'kind'
	| 'title'
	| 'topic'
	| 'audience'
	| 'audienceSize'
	| 'mode'
	| 'windowFrom'
	| 'windowTo'
	| 'sessionCount'
	| 'sessionMinutes'
	| 'seats'
	| 'rural'
	| 'leftBehind'
	| 'hardship'
	| 'language'
	| 'notes';

export const DEMAND_COLUMNS: readonly ColumnSpec<DemandColumn>[] = [
	{
		key: 'school',
		message: 'spreadsheets_d_school',
		type: 'org',
		required: true,
		width: 18,
		aliases: ['学校名称', 'school name'],
		words: ['学校', '校名', '申报单位', '单位', 'school']
	},
	{
		key: 'kind',
		message: 'spreadsheets_d_kind',
		type: 'choice',
		required: true,
		vocabulary: VOCABULARIES.kind,
		width: 14,
		aliases: ['类型'],
		words: ['类型', '形式', '项目类别', '活动类别']
	},
	{
		key: 'title',
		message: 'spreadsheets_d_title',
		type: 'text',
		required: true,
		width: 28,
		aliases: ['需求', '需求名称', '名称'],
		words: ['名称', '题目', '标题', '需求内容', '活动内容', 'title']
	},
	{
		key: 'topic',
		message: 'spreadsheets_d_topic',
		type: 'choice',
		required: true,
		vocabulary: VOCABULARIES.topic,
		width: 12,
		aliases: ['主题'],
		words: ['主题', '方向', '领域', 'topic']
	},
	{
		key: 'audience',
		message: 'spreadsheets_d_audience',
		type: 'choices',
		required: true,
		vocabulary: VOCABULARIES.audience,
		width: 16,
		aliases: ['面向对象', '受众'],
		words: ['对象', '年级', '受众', '面向', '学段']
	},
	{
		key: 'audienceSize',
		message: 'spreadsheets_d_audience_size',
		type: 'whole',
		required: true,
		width: 8,
		aliases: ['受益人数', '参加人数'],
		words: ['人数', '规模', '学生数']
	},
	{
		key: 'mode',
		message: 'spreadsheets_d_mode',
		type: 'choice',
		required: false,
		vocabulary: VOCABULARIES.mode,
		width: 12,
		aliases: ['授课方式'],
		words: ['方式', '线上线下']
	},
	{
		key: 'windowFrom',
		message: 'spreadsheets_d_window_from',
		type: 'date',
		edge: 'start',
		required: true,
		width: 12,
		aliases: ['开始日期', '起始日期'],
		words: ['开始', '起始', '最早', '日期从']
	},
	{
		key: 'windowTo',
		message: 'spreadsheets_d_window_to',
		type: 'date',
		edge: 'end',
		required: true,
		width: 12,
		aliases: ['结束日期', '截止日期'],
		words: ['结束', '截止', '最晚', '最迟']
	},
	{
		key: 'sessionCount',
		message: 'spreadsheets_d_sessions',
		type: 'whole',
		required: false,
		width: 8,
		aliases: ['场次'],
		words: ['场次', '次数']
	},
	{
		key: 'sessionMinutes',
		message: 'spreadsheets_d_minutes',
		type: 'whole',
		required: false,
		width: 12,
		aliases: ['时长', '授课时长'],
		words: ['时长', '分钟']
	},
	{
		key: 'seats',
		message: 'spreadsheets_d_seats',
		type: 'whole',
		required: false,
		width: 10,
		aliases: ['志愿者人数'],
		words: ['志愿者人数', '需要几位', '几位志愿者']
	},
	{
		key: 'rural',
		message: 'spreadsheets_d_rural',
		type: 'yesno',
		required: false,
		width: 12,
		aliases: ['农村学校'],
		words: ['农村', '乡村']
	},
	{ key: 'leftBehind', message: 'spreadsheets_d_left_behind', type: 'yesno', required: false, width: 10, words: ['留守'] },
	{ key: 'hardship', message: 'spreadsheets_d_hardship', type: 'yesno', required: false, width: 10, words: ['困难'] },
	{
		key: 'language',
		message: 'spreadsheets_d_language',
		type: 'choice',
		required: false,
		vocabulary: VOCABULARIES.language,
		width: 10,
		aliases: ['语言'],
		words: ['语言']
	},
	{
		key: 'notes',
		message: 'spreadsheets_d_notes',
		type: 'text',
		required: false,
		width: 28,
		aliases: ['说明'],
		words: ['备注', '说明', '其他要求']
	}
];

/** The need form's defaults for blank cells (see NewNeed); `rural` follows the school. */
const DEFAULTS = { mode: 'offline', sessionCount: 1, sessionMinutes: 60, seats: 1 } as const;

type ImportedFields = Omit<DemandFields, 'pupil'>;

const FIELD_COLUMN: Partial<Record<keyof DemandFields, DemandColumn>> = {
	kind: 'kind',
	title: 'title',
	topic: 'topic',
	audience: 'audience',
	audienceSize: 'audienceSize',
	mode: 'mode',
	windowFrom: 'windowFrom',
	windowTo: 'windowTo',
	sessionCount: 'sessionCount',
	sessionMinutes: 'sessionMinutes',
	seats: 'seats',
	rural: 'rural',
	leftBehind: 'leftBehind',
	hardship: 'hardship',
	language: 'language',
	notes: 'notes'
};
const columnOfField = (field: string) => DEMAND_COLUMNS.find((c) => c.key === FIELD_COLUMN[field as keyof DemandFields]);

export interface DemandSchool {
	id: string;
	rural: boolean;
}

export interface DemandRow {
	row: number;
	orgId: string;
	fields: ImportedFields;
}

export interface DemandRowContext extends RowContext<DemandColumn> {
	schools: ReadonlyMap<string, DemandSchool>;
	/** Used for a blank school cell: the caller's only school, if they have exactly one. */
	defaultSchool: DemandSchool | null;
}

export function demandFromRow(
	row: { number: number; cells: Partial<Record<DemandColumn, Cell>> },
	ctx: DemandRowContext
): { demand: DemandRow | null; problems: ImportProblem[]; options: ReadRow<DemandColumn>['options'] } {
	const columns = ctx.defaultSchool ? DEMAND_COLUMNS.map((c) => (c.key === 'school' ? { ...c, required: false } : c)) : DEMAND_COLUMNS;
	const { values: v, faulty, problems, options } = readRow(columns, row, ctx);
	const school = v.school ? ctx.schools.get(v.school as string) : faulty.has('school') ? undefined : (ctx.defaultSchool ?? undefined);
	const candidate = {
		kind: v.kind ?? VOCABULARIES.kind.codes[0],
		title: (v.title as string | undefined) ?? '',
		topic: v.topic ?? VOCABULARIES.topic.codes[0],
		audience: v.audience ?? [],
		audienceSize: v.audienceSize ?? 0,
		mode: v.mode ?? DEFAULTS.mode,
		windowFrom: v.windowFrom ?? '',
		windowTo: v.windowTo ?? '',
		sessionCount: v.sessionCount ?? DEFAULTS.sessionCount,
		sessionMinutes: v.sessionMinutes ?? DEFAULTS.sessionMinutes,
		seats: v.seats ?? DEFAULTS.seats,
		rural: (v.rural as boolean | undefined) ?? school?.rural ?? false,
		leftBehind: v.leftBehind ?? false,
		hardship: v.hardship ?? false,
		language: v.language ?? null,
		notes: v.notes ?? ''
	};
	const parsed = demandFields.safeParse(candidate);
	if (!parsed.success) problems.push(...schemaProblems(parsed.error.issues, row.number, columnOfField, faulty, ctx));
	if (problems.length || !school) return { demand: null, problems, options };
	const { pupil: _pupil, ...fields } = parsed.data!;
	return { demand: { row: row.number, orgId: school.id, fields }, problems, options };
}

export interface StoredDemand {
	id: string;
	orgId: string;
	status: string;
	fields: ImportedFields;
}

export type PlannedDemand =
	| { row: number; action: 'create'; orgId: string; fields: ImportedFields }
	| { row: number; action: 'update'; id: string; orgId: string; before: StoredDemand; fields: ImportedFields }
	| { row: number; action: 'unchanged'; id: string; orgId: string; fields: ImportedFields };

/** One need, as far as a re-import is concerned. */
const demandKey = (orgId: string, f: Pick<ImportedFields, 'kind' | 'title' | 'windowFrom'>) =>
	[orgId, f.kind, f.title, f.windowFrom].join('\u0000');

const sameList = (a: readonly string[], b: readonly string[]) => [...a].sort().join() === [...b].sort().join();

function sameDemand(a: ImportedFields, b: ImportedFields): boolean {
	const keys = Object.keys(FIELD_COLUMN) as (keyof ImportedFields)[];
	return keys.every((k) => (k === 'audience' ? sameList(a.audience, b.audience) : a[k] === b[k]));
}

/**
 * What each valid row will do: update (or leave) the need it names, else post a new one.
 * `stored` lists the needs in the caller's reach, oldest first, so the match is stable when
 * a need was duplicated. A finished need is not changed; a file naming one need twice is wrong.
 */
export function planDemands(
	rows: readonly DemandRow[],
	stored: readonly StoredDemand[],
	ctx: Pick<RowContext<DemandColumn>, 'headers' | 'locale'>
) {
	const opts = { locale: ctx.locale };
	const title = columnName(
		DEMAND_COLUMNS.find((c) => c.key === 'title')!,
		ctx
	);
	const byKey = new Map<string, StoredDemand>();
	for (const s of stored) if (!byKey.has(demandKey(s.orgId, s.fields))) byKey.set(demandKey(s.orgId, s.fields), s);

	const planned: PlannedDemand[] = [];
	const problems: ImportProblem[] = [];
	const rowOfKey = new Map<string, number>();
	for (const { row, orgId, fields } of rows) {
		const key = demandKey(orgId, fields);
		const earlier = rowOfKey.get(key);
		if (earlier) {
			problems.push({ row, column: title, reason: m.spreadsheets_problem_demand_repeated({ row: String(earlier) }, opts) });
			continue;
		}
		rowOfKey.set(key, row);
		const match = byKey.get(key);
		if (!match) planned.push({ row, action: 'create', orgId, fields });
		else if (sameDemand(match.fields, fields)) planned.push({ row, action: 'unchanged', id: match.id, orgId, fields });
		else if (match.status === 'done') problems.push({ row, column: title, reason: m.spreadsheets_problem_demand_done({}, opts) });
		else planned.push({ row, action: 'update', id: match.id, orgId, before: match, fields });
	}
	return { planned, problems };
}

/** A need as a spreadsheet row, in template column order. Dates are real date cells. */
export function demandCells(f: ImportedFields, ctx: { locale: Locale; schoolName: string }): Cell[] {
	const yesNo = (b: boolean) => (b ? m.spreadsheets_yes({}, { locale: ctx.locale }) : m.spreadsheets_no({}, { locale: ctx.locale }));
	const byColumn: Record<DemandColumn, Cell> = {
		school: ctx.schoolName,
		kind: labelOf(VOCABULARIES.kind, f.kind, ctx.locale),
		title: f.title,
		topic: labelOf(VOCABULARIES.topic, f.topic, ctx.locale),
		audience: f.audience.map((a) => labelOf(VOCABULARIES.audience, a, ctx.locale)).join(ctx.locale === 'zh' ? '、' : ', '),
		audienceSize: f.audienceSize,
		mode: labelOf(VOCABULARIES.mode, f.mode, ctx.locale),
		windowFrom: dayToDate(f.windowFrom),
		windowTo: dayToDate(f.windowTo),
		sessionCount: f.sessionCount,
		sessionMinutes: f.sessionMinutes,
		seats: f.seats,
		rural: yesNo(f.rural),
		leftBehind: yesNo(f.leftBehind),
		hardship: yesNo(f.hardship),
		language: f.language ? labelOf(VOCABULARIES.language, f.language, ctx.locale) : null,
		notes: f.notes || null
	};
	return DEMAND_COLUMNS.map((c) => byColumn[c.key]);
}
