// The two lists that travel as spreadsheets — the resource list (volunteers) and the demand
// list (needs) — wired to the importer, the template and the export, each within the
// caller's reach as authorize.ts draws it.
import { TRPCError } from '@trpc/server';
import { dateToDay, today } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import { can, orgScope, scopeRoots, type Principal } from '$lib/server/auth/authorize';
import type { Db } from '$lib/server/db';
import type { Locale } from '$lib/validation/issues';
import { demandListWhere } from '../demands/list';
import type { listDemandsInput } from '../demands/schemas';
import { volunteerListWhere } from '../volunteers/list';
import type { listVolunteersInput } from '../volunteers/schemas';
import type { Cell } from './cells';
import {
	DEMAND_COLUMNS,
	demandCells,
	demandFromRow,
	planDemands,
	type DemandColumn,
	type DemandRow,
	type PlannedDemand
} from './demand-sheet';
import type { ListImporter } from './importer';
import { LOCALES } from './sheet-spec';
import {
	demandFieldsOf,
	demandImportScope,
	demandSelect,
	rememberedMapping,
	rememberMapping,
	rememberedFixes,
	rememberFixes,
	storedDemandsFor,
	storedVolunteersFor,
	volunteerFields,
	volunteerImportScope,
	volunteerSelect,
	writeDemands,
	writeVolunteers,
	type MappedList
} from './store';
import { orgDirectoryOf } from './words';
import {
	planVolunteers,
	VOLUNTEER_COLUMNS,
	volunteerCells,
	volunteerFromRow,
	type PlannedVolunteer,
	type VolunteerColumn,
	type VolunteerRow
} from './volunteer-sheet';
import { writeSheet } from './workbook';
import type { z } from 'zod';

export interface Caller {
	db: Db;
	principal: Principal;
	userId: string;
	locale: Locale;
}

export interface Download {
	fileName: string;
	/** The .xlsx file, base64-encoded so it travels as JSON too. */
	content: string;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Mappings remembered for the organisation a file is imported for. */
const mappingsOf = (caller: Caller, orgId: string, list: MappedList): ListImporter<string, unknown, never>['mappings'] => ({
	load: (headerSet) => rememberedMapping(caller.db, orgId, list, headerSet),
	save: (tx, headerSet, mapping) => rememberMapping(tx, { orgId, list, actorId: caller.userId }, headerSet, mapping),
	loadFixes: () => rememberedFixes(caller.db, orgId, list),
	saveFixes: (tx, fixes) => rememberFixes(tx, { orgId, list, actorId: caller.userId }, fixes)
});

// ---------- Volunteers ----------

const volunteerExample = (locale: Locale, district: string): Cell[] =>
	volunteerCells(
		{
			name: '张三',
			phone: '13800000000',
			category: 'retired_teacher',
			topics: ['legal', 'history'],
			offersOnline: false,
			offersOffline: true,
			homeDistrictId: 'example',
			maxTravelMinutes: 60,
			monthlyCapacity: 2,
			languages: ['zh'],
			offer: m.spreadsheets_example_offer({}, { locale }),
			bio: m.spreadsheets_example_bio({}, { locale })
		},
		{ locale, districtName: () => district, showPhone: true }
	);

/** Who may import volunteers, and where: FORBIDDEN without volunteer.edit anywhere. */
export async function volunteerImportTargets(caller: Caller) {
	const scope = await volunteerImportScope(caller.db, caller.principal);
	if (!scope.committees.length) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: volunteer.edit' });
	return scope;
}

/** Volunteers imported into `orgId`, a committee the caller may register volunteers with. */
export async function volunteerImporter(
	caller: Caller,
	orgId: string,
	fileName: string
): Promise<ListImporter<VolunteerColumn, VolunteerRow, PlannedVolunteer>> {
	const scope = await volunteerImportTargets(caller);
	if (!scope.committees.some((c) => c.id === orgId)) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: volunteer.edit' });
	const districtName = new Map(scope.districts.map((d) => [d.id, d.name]));
	const district = orgDirectoryOf(scope.districts);
	const { locale } = caller;
	return {
		columns: VOLUNTEER_COLUMNS,
		requiredColumns: VOLUNTEER_COLUMNS.filter((c) => c.required).map((c) => c.key),
		examples: LOCALES.map((l) => volunteerExample(l, '')),
		readRow(row, headers) {
			const { fields, birthYear, problems, options } = volunteerFromRow(row, { locale, headers, orgs: { district } });
			return { valid: fields && { row: row.number, fields, birthYear }, problems, options };
		},
		async plan(rows, headers) {
			const stored = await storedVolunteersFor(
				caller.db,
				caller.principal,
				rows.map((r) => r.fields)
			);
			return planVolunteers(rows, stored, { locale, headers });
		},
		cells: (p) =>
			volunteerCells(p.fields, { locale, districtName: (id) => districtName.get(id) ?? '', showPhone: true, birthYear: p.birthYear }),
		write: (tx, planned, onProgress) => writeVolunteers(tx, planned, orgId, { actorId: caller.userId, fileName, onProgress }),
		mappings: mappingsOf(caller, orgId, 'volunteers')
	};
}

export async function volunteerTemplate(caller: Caller): Promise<Download> {
	const { districts } = await volunteerImportTargets(caller);
	const opts = { locale: caller.locale };
	const bytes = await writeSheet({
		locale: caller.locale,
		sheetName: m.spreadsheets_volunteers_sheet({}, opts),
		columns: VOLUNTEER_COLUMNS,
		orgNames: districts.map((d) => d.name),
		rows: [],
		example: volunteerExample(caller.locale, districts[0]?.name ?? '')
	});
	return { fileName: `${m.spreadsheets_volunteers_template_file({}, opts)}.xlsx`, content: base64(bytes) };
}

/**
 * The resource list with the list page's filters, every page of it, in the template's
 * columns. Phone numbers only where the caller may edit the volunteer (as on the list page).
 */
export async function volunteerExport(caller: Caller, filters: z.output<typeof listVolunteersInput>): Promise<Download> {
	const { db, principal, locale } = caller;
	if (!scopeRoots(principal, 'volunteer.view').length) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: volunteer.view' });
	const rows = await db.volunteerProfile.findMany({
		where: volunteerListWhere(principal, filters),
		orderBy: [{ [filters.sort]: filters.direction }, { id: 'asc' }],
		select: { ...volunteerSelect, homeDistrict: { select: { name: true } } }
	});
	const opts = { locale };
	const districts = await db.organization.findMany({
		where: { level: 'district', active: true, ...orgScope(principal, 'volunteer.view') },
		select: { name: true },
		orderBy: { name: 'asc' }
	});
	const bytes = await writeSheet({
		locale,
		sheetName: m.spreadsheets_volunteers_sheet({}, opts),
		columns: VOLUNTEER_COLUMNS,
		orgNames: districts.map((d) => d.name),
		rows: rows.map((v) =>
			volunteerCells(volunteerFields(v), {
				locale,
				districtName: () => v.homeDistrict.name,
				showPhone: can(principal, 'volunteer.edit', v.org.path)
			})
		)
	});
	return { fileName: `${m.spreadsheets_volunteers_export_file({}, opts)}-${today()}.xlsx`, content: base64(bytes) };
}

// ---------- Needs ----------

const demandExample = (locale: Locale, school: string): Cell[] =>
	demandCells(
		{
			kind: 'lecture',
			title: m.spreadsheets_example_title({}, { locale }),
			topic: 'legal',
			audience: ['primary_upper'],
			audienceSize: 120,
			mode: 'offline',
			windowFrom: nextMonth(1),
			windowTo: nextMonth(28),
			sessionCount: 1,
			sessionMinutes: 60,
			seats: 1,
			rural: false,
			leftBehind: false,
			hardship: false,
			language: null,
			notes: m.spreadsheets_example_notes({}, { locale })
		},
		{ locale, schoolName: school }
	);

function nextMonth(day: number) {
	const now = new Date();
	return dateToDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, day)));
}

/** Where the caller may post needs: FORBIDDEN without demand.edit on some school. */
export async function demandImportTargets(caller: Caller) {
	const scope = await demandImportScope(caller.db, caller.principal);
	if (!scope.schools.length) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: demand.edit' });
	return scope;
}

export async function demandImporter(
	caller: Caller,
	publish: boolean,
	fileName: string
): Promise<ListImporter<DemandColumn, DemandRow, PlannedDemand>> {
	const { schools, defaultSchool } = await demandImportTargets(caller);
	const school = orgDirectoryOf(schools);
	const byId = new Map(schools.map((s) => [s.id, s]));
	const { locale } = caller;
	return {
		columns: DEMAND_COLUMNS,
		requiredColumns: DEMAND_COLUMNS.filter((c) => c.required && !(c.key === 'school' && defaultSchool)).map((c) => c.key),
		examples: LOCALES.map((l) => demandExample(l, '')),
		readRow(row, headers) {
			const { demand, problems, options } = demandFromRow(row, { locale, headers, orgs: { school }, schools: byId, defaultSchool });
			return { valid: demand, problems, options };
		},
		async plan(rows, headers) {
			const stored = await storedDemandsFor(caller.db, caller.principal, rows);
			return planDemands(rows, stored, { locale, headers });
		},
		cells: (p) => demandCells(p.fields, { locale, schoolName: byId.get(p.orgId)?.name ?? '' }),
		write: (tx, planned, onProgress) => writeDemands(tx, planned, publish, { actorId: caller.userId, fileName, onProgress }),
		// A school's own lists are remembered for the school; a coordinator's for the top of their reach.
		mappings: mappingsOf(
			caller,
			defaultSchool?.id ?? scopeRoots(caller.principal, 'demand.edit')[0].split('/').filter(Boolean).pop()!,
			'demands'
		)
	};
}

export async function demandTemplate(caller: Caller): Promise<Download> {
	const { schools, defaultSchool } = await demandImportTargets(caller);
	const opts = { locale: caller.locale };
	const bytes = await writeSheet({
		locale: caller.locale,
		sheetName: m.spreadsheets_demands_sheet({}, opts),
		columns: DEMAND_COLUMNS,
		orgNames: schools.map((s) => s.name),
		rows: [],
		example: demandExample(caller.locale, (defaultSchool ?? schools[0]).name)
	});
	return { fileName: `${m.spreadsheets_demands_template_file({}, opts)}.xlsx`, content: base64(bytes) };
}

/** The demand list with the list page's filters, every page, without any pupil's identity. */
export async function demandExport(caller: Caller, filters: z.output<typeof listDemandsInput>): Promise<Download> {
	const { db, principal, locale } = caller;
	if (!scopeRoots(principal, 'demand.view').length) throw new TRPCError({ code: 'FORBIDDEN', message: 'not allowed: demand.view' });
	const rows = await db.demand.findMany({
		where: await demandListWhere(db, principal, filters),
		orderBy: [{ [filters.sort]: filters.direction }, { id: 'asc' }],
		// The pupil relation is never selected: no real name or contact can reach the file.
		select: { ...demandSelect, org: { select: { name: true } } }
	});
	const opts = { locale };
	const schools = [...new Set(rows.map((r) => r.org.name))].sort();
	const bytes = await writeSheet({
		locale,
		sheetName: m.spreadsheets_demands_sheet({}, opts),
		columns: DEMAND_COLUMNS,
		orgNames: schools,
		rows: rows.map((d) => demandCells(demandFieldsOf(d), { locale, schoolName: d.org.name }))
	});
	return { fileName: `${m.spreadsheets_demands_export_file({}, opts)}-${today()}.xlsx`, content: base64(bytes) };
}
