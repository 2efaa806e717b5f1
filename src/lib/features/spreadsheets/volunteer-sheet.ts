// The resource list as a spreadsheet: its columns, a row read into the profile form's fields
// (validated by `profileFields`), and how rows find the people already registered, so that
// importing the same file twice never registers anyone twice. Pure.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import { profileFields, type ProfileFields } from '../volunteers/schemas';
import type { Cell } from './cells';
import { readRow, schemaProblems, columnName, type ImportProblem, type ReadRow, type RowContext } from './rows';
import { labelOf, VOCABULARIES, type ColumnSpec } from './sheet-spec';

export type VolunteerColumn =
	'name' | 'phone' | 'category' | 'topics' | 'mode' | 'district' | 'travel' | 'capacity' | 'languages' | 'offer' | 'bio' | 'birthYear';

export const VOLUNTEER_COLUMNS: readonly ColumnSpec<VolunteerColumn>[] = [
	{
		key: 'name',
		message: 'spreadsheets_v_name',
		type: 'text',
		required: true,
		width: 10,
		aliases: ['名字'],
		words: ['姓名', '名字', '志愿者']
	},
	{
		key: 'phone',
		message: 'spreadsheets_v_phone',
		type: 'phone',
		required: false,
		width: 14,
		aliases: ['手机', '手机号码', '电话', '联系电话', 'phone', 'mobile'],
		words: ['手机', '电话', '联系方式', 'phone', 'mobile']
	},
	{
		key: 'category',
		message: 'spreadsheets_v_category',
		type: 'choice',
		required: true,
		vocabulary: VOCABULARIES.category,
		width: 10,
		aliases: ['五老类别', '身份'],
		words: ['类别', '身份', '五老', '人员类型']
	},
	{
		key: 'topics',
		message: 'spreadsheets_v_topics',
		type: 'choices',
		required: true,
		vocabulary: VOCABULARIES.topic,
		width: 22,
		aliases: ['话题', '擅长话题', 'topic'],
		words: ['擅长', '领域', '宣讲方向', '专长', '特长', '话题', '主题', 'topic']
	},
	{
		key: 'mode',
		message: 'spreadsheets_v_mode',
		type: 'choices',
		required: false,
		vocabulary: VOCABULARIES.mode,
		width: 12,
		aliases: ['方式'],
		words: ['服务方式', '授课方式', '方式', '线上线下']
	},
	{
		key: 'district',
		message: 'spreadsheets_v_district',
		type: 'org',
		required: true,
		width: 14,
		aliases: ['区县', '居住区县', '住在哪个区县', 'district'],
		words: ['所在地', '区县', '所在区', '县区', '地区', '单位', '居住地', 'district']
	},
	{
		key: 'travel',
		message: 'spreadsheets_v_travel',
		type: 'whole',
		required: false,
		width: 12,
		aliases: ['最远车程', '路程（分钟）'],
		words: ['车程', '路程']
	},
	{
		key: 'capacity',
		message: 'spreadsheets_v_capacity',
		type: 'whole',
		required: false,
		width: 12,
		aliases: ['每月次数', '每月可接'],
		words: ['每月', '次数']
	},
	{
		key: 'languages',
		message: 'spreadsheets_v_languages',
		type: 'choices',
		required: false,
		vocabulary: VOCABULARIES.language,
		width: 12,
		aliases: ['语言'],
		words: ['语言', '方言']
	},
	{
		key: 'offer',
		message: 'spreadsheets_v_offer',
		type: 'text',
		required: false,
		width: 30,
		aliases: ['能提供什么'],
		words: ['能提供', '可提供', '服务内容']
	},
	{
		key: 'bio',
		message: 'spreadsheets_v_bio',
		type: 'text',
		required: false,
		width: 24,
		aliases: ['个人简介'],
		words: ['简介', '备注', '说明', '经历', '履历']
	},
	{
		key: 'birthYear',
		message: 'spreadsheets_v_birth_year',
		type: 'year',
		required: false,
		width: 10,
		aliases: ['出生年份', '出生年月', '出生日期', '生年'],
		words: ['出生', 'birth']
	}
];

/** Years a volunteer (retired, or a grown alumnus) may plausibly be born in. */
const BIRTH_YEARS = { min: 1920, max: new Date().getUTCFullYear() - 18 };

/** Where the form's defaults come from when a cell is left blank (see NewVolunteer). */
const DEFAULTS = { mode: ['offline'], travel: 60, capacity: 2, languages: ['zh'] };

const FIELD_COLUMN: Record<keyof ProfileFields, VolunteerColumn> = {
	name: 'name',
	phone: 'phone',
	category: 'category',
	topics: 'topics',
	offersOnline: 'mode',
	offersOffline: 'mode',
	homeDistrictId: 'district',
	maxTravelMinutes: 'travel',
	monthlyCapacity: 'capacity',
	languages: 'languages',
	offer: 'offer',
	bio: 'bio'
};
const columnOfField = (field: string) => VOLUNTEER_COLUMNS.find((c) => c.key === FIELD_COLUMN[field as keyof ProfileFields]);

export interface VolunteerRow {
	row: number;
	fields: ProfileFields;
	/** Not on the profile form; a blank cell keeps what is stored. */
	birthYear: number | null;
}

/** One row as the profile form's fields, or the reasons it cannot be. */
export function volunteerFromRow(
	row: { number: number; cells: Partial<Record<VolunteerColumn, Cell>> },
	ctx: RowContext<VolunteerColumn>
): { fields: ProfileFields | null; birthYear: number | null; problems: ImportProblem[]; options: ReadRow<VolunteerColumn>['options'] } {
	const { values: v, faulty, problems, options } = readRow(VOLUNTEER_COLUMNS, row, ctx);
	const birthYear = (v.birthYear as number | undefined) ?? null;
	if (birthYear !== null && (birthYear < BIRTH_YEARS.min || birthYear > BIRTH_YEARS.max)) {
		faulty.add('birthYear');
		problems.push({
			row: row.number,
			column: columnName(
				VOLUNTEER_COLUMNS.find((c) => c.key === 'birthYear')!,
				ctx
			),
			reason: m.spreadsheets_problem_birth_year({ min: String(BIRTH_YEARS.min), max: String(BIRTH_YEARS.max) }, { locale: ctx.locale })
		});
	}
	const modes = (v.mode as string[] | undefined) ?? DEFAULTS.mode;
	const candidate = {
		name: (v.name as string | undefined) ?? '',
		phone: (v.phone as string | undefined) ?? null,
		category: v.category ?? VOCABULARIES.category.codes[0],
		topics: v.topics ?? [],
		offersOnline: modes.includes('online') || modes.includes('any'),
		offersOffline: modes.includes('offline') || modes.includes('any'),
		homeDistrictId: v.district ?? '',
		maxTravelMinutes: v.travel ?? DEFAULTS.travel,
		monthlyCapacity: v.capacity ?? DEFAULTS.capacity,
		languages: v.languages ?? DEFAULTS.languages,
		offer: v.offer ?? '',
		bio: v.bio ?? ''
	};
	const parsed = profileFields.safeParse(candidate);
	if (!parsed.success) problems.push(...schemaProblems(parsed.error.issues, row.number, columnOfField, faulty, ctx));
	return problems.length ? { fields: null, birthYear, problems, options } : { fields: parsed.data!, birthYear, problems, options };
}

/** A registered volunteer as the importer compares it with a row. */
export interface StoredVolunteer {
	id: string;
	birthYear: number | null;
	/** May the caller change this person (volunteer.edit over their organisation)? */
	editable: boolean;
	fields: ProfileFields;
}

export type PlannedVolunteer =
	| { row: number; action: 'create'; fields: ProfileFields; birthYear: number | null }
	| { row: number; action: 'update'; id: string; before: ProfileFields; fields: ProfileFields; birthYear: number | null }
	| { row: number; action: 'unchanged'; id: string; fields: ProfileFields; birthYear: number | null };

const personKey = (f: Pick<ProfileFields, 'name' | 'homeDistrictId'>) => `${f.name}\u0000${f.homeDistrictId}`;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

function sameVolunteer(a: ProfileFields, b: ProfileFields): boolean {
	return (
		a.name === b.name &&
		a.phone === b.phone &&
		a.category === b.category &&
		sameSet(a.topics, b.topics) &&
		a.offersOnline === b.offersOnline &&
		a.offersOffline === b.offersOffline &&
		a.homeDistrictId === b.homeDistrictId &&
		a.maxTravelMinutes === b.maxTravelMinutes &&
		a.monthlyCapacity === b.monthlyCapacity &&
		sameSet(a.languages, b.languages) &&
		a.offer === b.offer &&
		a.bio === b.bio
	);
}

/**
 * What each valid row will do. A row is the registered person with its phone number; without
 * a phone (or when the phone is new), the one person of that name and home district who has
 * no other phone. A blank phone never erases a stored one. Two rows for one person, a phone
 * another person already has, and namesakes the file cannot tell apart are problems.
 */
export function planVolunteers(
	rows: readonly VolunteerRow[],
	stored: readonly StoredVolunteer[],
	ctx: Pick<RowContext<VolunteerColumn>, 'headers' | 'locale'>
) {
	const opts = { locale: ctx.locale };
	const column = (key: VolunteerColumn) =>
		columnName(
			VOLUNTEER_COLUMNS.find((c) => c.key === key)!,
			ctx
		);
	const byPhone = new Map(stored.filter((s) => s.fields.phone).map((s) => [s.fields.phone!, s]));
	const byPerson = new Map<string, StoredVolunteer[]>();
	for (const s of stored.filter((s) => s.editable)) byPerson.set(personKey(s.fields), [...(byPerson.get(personKey(s.fields)) ?? []), s]);

	const planned: PlannedVolunteer[] = [];
	const problems: ImportProblem[] = [];
	const rowOfPhone = new Map<string, number>();
	const rowOfPerson = new Map<string, number>();
	const rowOfMatch = new Map<string, number>();
	for (const { row, fields, birthYear } of rows) {
		const problem = (key: VolunteerColumn, reason: string) => problems.push({ row, column: column(key), reason });
		let match: StoredVolunteer | undefined;
		if (fields.phone) {
			const earlier = rowOfPhone.get(fields.phone);
			if (earlier) {
				problem('phone', m.spreadsheets_problem_phone_repeated({ row: String(earlier) }, opts));
				continue;
			}
			rowOfPhone.set(fields.phone, row);
			match = byPhone.get(fields.phone);
			if (match && !match.editable) {
				problem('phone', m.volunteers_error_phone_taken({}, opts));
				continue;
			}
			if (match && match.fields.name !== fields.name) {
				problem('phone', m.spreadsheets_problem_phone_other_person({ name: match.fields.name }, opts));
				continue;
			}
			if (!match) {
				const namesakes = (byPerson.get(personKey(fields)) ?? []).filter((s) => !s.fields.phone);
				if (namesakes.length > 1) {
					problem('name', m.spreadsheets_problem_namesakes({ count: String(namesakes.length) }, opts));
					continue;
				}
				match = namesakes[0];
			}
		} else {
			const earlier = rowOfPerson.get(personKey(fields));
			if (earlier) {
				problem('name', m.spreadsheets_problem_person_repeated({ row: String(earlier) }, opts));
				continue;
			}
			rowOfPerson.set(personKey(fields), row);
			const namesakes = byPerson.get(personKey(fields)) ?? [];
			if (namesakes.length > 1) {
				problem('name', m.spreadsheets_problem_namesakes({ count: String(namesakes.length) }, opts));
				continue;
			}
			match = namesakes[0];
		}
		if (!match) {
			planned.push({ row, action: 'create', fields, birthYear });
			continue;
		}
		const earlier = rowOfMatch.get(match.id);
		if (earlier) {
			problem('name', m.spreadsheets_problem_person_repeated({ row: String(earlier) }, opts));
			continue;
		}
		rowOfMatch.set(match.id, row);
		const merged = { ...fields, phone: fields.phone ?? match.fields.phone };
		const year = birthYear ?? match.birthYear;
		planned.push(
			sameVolunteer(match.fields, merged) && year === match.birthYear
				? { row, action: 'unchanged', id: match.id, fields: merged, birthYear: year }
				: { row, action: 'update', id: match.id, before: match.fields, fields: merged, birthYear: year }
		);
	}
	return { planned, problems };
}

/** A volunteer as a spreadsheet row, in template column order (export, preview). */
export function volunteerCells(
	f: ProfileFields,
	ctx: { locale: Locale; districtName: (id: string) => string; showPhone: boolean; birthYear?: number | null }
): Cell[] {
	const join = (codes: readonly string[], vocabulary: Parameters<typeof labelOf>[0]) =>
		codes.map((c) => labelOf(vocabulary, c, ctx.locale)).join(ctx.locale === 'zh' ? '、' : ', ');
	const mode = f.offersOnline && f.offersOffline ? 'any' : f.offersOnline ? 'online' : 'offline';
	const byColumn: Record<VolunteerColumn, Cell> = {
		name: f.name,
		phone: ctx.showPhone ? f.phone : null,
		category: labelOf(VOCABULARIES.category, f.category, ctx.locale),
		topics: join(f.topics, VOCABULARIES.topic),
		mode: labelOf(VOCABULARIES.mode, mode, ctx.locale),
		district: ctx.districtName(f.homeDistrictId),
		travel: f.maxTravelMinutes,
		capacity: f.monthlyCapacity,
		languages: join(f.languages, VOCABULARIES.language),
		offer: f.offer || null,
		bio: f.bio || null,
		birthYear: ctx.birthYear ?? null
	};
	return VOLUNTEER_COLUMNS.map((c) => byColumn[c.key]);
}
