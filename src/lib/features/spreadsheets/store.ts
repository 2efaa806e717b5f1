// The database side of imports and exports: what the caller may import into, the records a
// file's rows may match, and writing a planned import in bulk inside the caller's transaction
// (createMany in chunks; one audit entry per need or profile, never a pupil's identity).
import { dateToDay } from '$lib/domain/dates';
import { createHash, randomUUID } from 'node:crypto';
import { can, orgScope, scopeRoots, type Principal } from '$lib/server/auth/authorize';
import { recordAudits, type AuditEntry } from '$lib/server/audit';
import type { Db, Prisma } from '$lib/server/db';
import { demandAuditView, demandColumns } from '../demands/columns';
import type { DemandFields } from '../demands/schemas';
import { profileAuditView, profileColumns } from '../volunteers/columns';
import type { ProfileFields } from '../volunteers/schemas';
import type { PlannedDemand, StoredDemand } from './demand-sheet';
import type { RememberedMapping } from './mapping';
import type { PlannedVolunteer, StoredVolunteer } from './volunteer-sheet';

type Tx = Prisma.TransactionClient;

/** Rows written per statement, and how often progress is told. */
const WRITE_CHUNK = 250;
/** `in (…)` lists stay well below every database's parameter limit. */
const LOOKUP_CHUNK = 500;

function chunks<T>(list: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
	return out;
}

async function findInChunks<T, V>(values: readonly V[], find: (chunk: V[]) => Promise<T[]>): Promise<T[]> {
	const found: T[] = [];
	for (const chunk of chunks([...new Set(values)], LOOKUP_CHUNK)) found.push(...(await find(chunk)));
	return found;
}

// ---------- Volunteers ----------

/** Committees (city or district) a new volunteer may be registered with, and the districts they may live in. */
export async function volunteerImportScope(db: Db, principal: Principal) {
	const where = { active: true, ...orgScope(principal, 'volunteer.edit') };
	const [committees, districts] = await Promise.all([
		db.organization.findMany({
			where: { ...where, level: { in: ['city', 'district'] } },
			select: { id: true, name: true, path: true },
			orderBy: [{ path: 'asc' }]
		}),
		db.organization.findMany({
			where: { ...where, level: 'district' },
			select: { id: true, name: true, nameEn: true },
			orderBy: { name: 'asc' }
		})
	]);
	return { committees: committees.map(({ id, name }) => ({ id, name })), districts };
}

/** What a volunteer row of a sheet is made of; the export adds the district's name. */
export const volunteerSelect = {
	id: true,
	name: true,
	phone: true,
	category: true,
	offersOnline: true,
	offersOffline: true,
	homeDistrictId: true,
	maxTravelMinutes: true,
	monthlyCapacity: true,
	offer: true,
	bio: true,
	birthYear: true,
	org: { select: { path: true } },
	topics: { select: { topic: true } },
	languages: { select: { language: true } }
} as const;

type VolunteerRecord = Prisma.VolunteerProfileGetPayload<{ select: typeof volunteerSelect }>;

export function volunteerFields(v: VolunteerRecord): ProfileFields {
	return {
		name: v.name,
		phone: v.phone,
		category: v.category,
		topics: v.topics.map((t) => t.topic) as ProfileFields['topics'],
		offersOnline: v.offersOnline,
		offersOffline: v.offersOffline,
		homeDistrictId: v.homeDistrictId,
		maxTravelMinutes: v.maxTravelMinutes,
		monthlyCapacity: v.monthlyCapacity,
		languages: v.languages.map((l) => l.language) as ProfileFields['languages'],
		offer: v.offer,
		bio: v.bio
	};
}

/**
 * Everyone a file's rows might be: anyone holding one of its phone numbers (phones are
 * unique across the whole system), and namesakes inside the caller's reach.
 */
export async function storedVolunteersFor(db: Db, principal: Principal, rows: readonly ProfileFields[]): Promise<StoredVolunteer[]> {
	const phones = rows.flatMap((r) => (r.phone ? [r.phone] : []));
	const [byPhone, byName] = await Promise.all([
		findInChunks(phones, (chunk) => db.volunteerProfile.findMany({ where: { phone: { in: chunk } }, select: volunteerSelect })),
		findInChunks(
			rows.map((r) => r.name),
			(chunk) =>
				db.volunteerProfile.findMany({
					where: { name: { in: chunk }, org: orgScope(principal, 'volunteer.edit') },
					select: volunteerSelect
				})
		)
	]);
	const unique = new Map([...byPhone, ...byName].map((v) => [v.id, v]));
	return [...unique.values()].map((v) => ({
		id: v.id,
		birthYear: v.birthYear,
		editable: can(principal, 'volunteer.edit', v.org.path),
		fields: volunteerFields(v)
	}));
}

export interface WriteContext {
	actorId: string;
	fileName: string;
	onProgress: (written: number) => void;
}

/** Writes a planned volunteer import; the caller's transaction makes it all or nothing. */
export async function writeVolunteers(tx: Tx, planned: readonly PlannedVolunteer[], orgId: string, ctx: WriteContext): Promise<void> {
	let written = 0;
	const creates = planned.flatMap((p) => (p.action === 'create' ? [{ id: randomUUID(), fields: p.fields, birthYear: p.birthYear }] : []));
	for (const chunk of chunks(creates, WRITE_CHUNK)) {
		await tx.volunteerProfile.createMany({
			data: chunk.map((c) => ({ id: c.id, ...profileColumns(c.fields), birthYear: c.birthYear, orgId }))
		});
		await replaceVolunteerLists(tx, chunk);
		await recordAudits(
			tx,
			chunk.map((c): AuditEntry => ({
				actorId: ctx.actorId,
				orgId,
				entity: 'volunteer',
				entityId: c.id,
				action: 'create',
				after: { name: c.fields.name, category: c.fields.category, topics: c.fields.topics, importedFrom: ctx.fileName }
			}))
		);
		ctx.onProgress((written += chunk.length));
	}
	const updates = planned.flatMap((p) => (p.action === 'update' ? [p] : []));
	for (const chunk of chunks(updates, WRITE_CHUNK)) {
		const orgs = new Map<string, string>();
		for (const u of chunk) {
			const after = await tx.volunteerProfile.update({
				where: { id: u.id },
				data: { ...profileColumns(u.fields), birthYear: u.birthYear },
				select: { orgId: true }
			});
			orgs.set(u.id, after.orgId);
		}
		await replaceVolunteerLists(tx, chunk);
		await recordAudits(
			tx,
			chunk.map((u): AuditEntry => ({
				actorId: ctx.actorId,
				orgId: orgs.get(u.id)!,
				entity: 'volunteer',
				entityId: u.id,
				action: 'update',
				before: profileAuditView(u.before),
				after: { ...profileAuditView(u.fields), importedFrom: ctx.fileName }
			}))
		);
		ctx.onProgress((written += chunk.length));
	}
}

async function replaceVolunteerLists(tx: Tx, people: readonly { id: string; fields: ProfileFields }[]) {
	const ids = people.map((p) => p.id);
	await tx.volunteerTopic.deleteMany({ where: { volunteerId: { in: ids } } });
	await tx.volunteerLanguage.deleteMany({ where: { volunteerId: { in: ids } } });
	await tx.volunteerTopic.createMany({ data: people.flatMap((p) => p.fields.topics.map((topic) => ({ volunteerId: p.id, topic }))) });
	await tx.volunteerLanguage.createMany({
		data: people.flatMap((p) => p.fields.languages.map((language) => ({ volunteerId: p.id, language })))
	});
}

// ---------- Needs ----------

/** Schools and village groups whose needs the caller may post and edit. */
export async function demandImportScope(db: Db, principal: Principal) {
	const schools = await db.organization.findMany({
		where: { active: true, level: { in: ['school', 'village_group'] }, ...orgScope(principal, 'demand.edit') },
		select: { id: true, name: true, nameEn: true, rural: true, path: true },
		orderBy: { name: 'asc' }
	});
	// A school's own account imports its needs without naming itself on every row.
	const roots = scopeRoots(principal, 'demand.edit');
	const own = roots.length === 1 ? (schools.find((s) => s.path === roots[0]) ?? null) : null;
	return { schools, defaultSchool: own };
}

type DemandRecord = Prisma.DemandGetPayload<{ select: typeof demandSelect }>;

/** What a need row of a sheet is made of (never the pupil); the export adds the school's name. */
export const demandSelect = {
	id: true,
	orgId: true,
	status: true,
	kind: true,
	title: true,
	topic: true,
	audience: true,
	audienceSize: true,
	mode: true,
	windowFrom: true,
	windowTo: true,
	sessionCount: true,
	sessionMinutes: true,
	seats: true,
	rural: true,
	leftBehind: true,
	hardship: true,
	language: true,
	notes: true
} as const;

export function demandFieldsOf(d: DemandRecord): Omit<DemandFields, 'pupil'> {
	return {
		kind: d.kind,
		title: d.title,
		topic: d.topic as DemandFields['topic'],
		audience: (d.audience ? d.audience.split(',') : []) as DemandFields['audience'],
		audienceSize: d.audienceSize,
		mode: d.mode,
		windowFrom: dateToDay(d.windowFrom),
		windowTo: dateToDay(d.windowTo),
		sessionCount: d.sessionCount,
		sessionMinutes: d.sessionMinutes,
		seats: d.seats,
		rural: d.rural,
		leftBehind: d.leftBehind,
		hardship: d.hardship,
		language: d.language as DemandFields['language'],
		notes: d.notes
	};
}

/** Needs of the file's schools with one of its titles, oldest first. */
export async function storedDemandsFor(
	db: Db,
	principal: Principal,
	rows: readonly { orgId: string; fields: { title: string } }[]
): Promise<StoredDemand[]> {
	const found = await findInChunks(
		rows.map((r) => r.fields.title),
		(chunk) =>
			db.demand.findMany({
				where: { title: { in: chunk }, orgId: { in: [...new Set(rows.map((r) => r.orgId))] }, org: orgScope(principal, 'demand.edit') },
				select: { ...demandSelect, createdAt: true },
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }]
			})
	);
	found.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
	return found.map((d) => ({ id: d.id, orgId: d.orgId, status: d.status, fields: demandFieldsOf(d) }));
}

/** Writes a planned needs import; new needs are drafts unless `publish`. */
export async function writeDemands(tx: Tx, planned: readonly PlannedDemand[], publish: boolean, ctx: WriteContext): Promise<void> {
	let written = 0;
	const creates = planned.flatMap((p) => (p.action === 'create' ? [{ ...p, id: randomUUID() }] : []));
	for (const chunk of chunks(creates, WRITE_CHUNK)) {
		const data = chunk.map((c) => ({
			id: c.id,
			...demandColumns(c.fields),
			orgId: c.orgId,
			status: publish ? ('open' as const) : ('draft' as const),
			createdById: ctx.actorId
		}));
		await tx.demand.createMany({ data });
		await recordAudits(
			tx,
			data.map((d): AuditEntry => ({
				actorId: ctx.actorId,
				orgId: d.orgId,
				entity: 'demand',
				entityId: d.id,
				action: 'create',
				after: { ...demandAuditView(d), importedFrom: ctx.fileName }
			}))
		);
		ctx.onProgress((written += chunk.length));
	}
	const updates = planned.flatMap((p) => (p.action === 'update' ? [p] : []));
	for (const chunk of chunks(updates, WRITE_CHUNK)) {
		const entries: AuditEntry[] = [];
		for (const u of chunk) {
			const after = await tx.demand.update({ where: { id: u.id }, data: demandColumns(u.fields) });
			const before = { ...demandColumns(u.before.fields), status: u.before.status };
			entries.push({
				actorId: ctx.actorId,
				orgId: u.orgId,
				entity: 'demand',
				entityId: u.id,
				action: 'update',
				before: demandAuditView(before),
				after: { ...demandAuditView(after), importedFrom: ctx.fileName }
			});
		}
		await recordAudits(tx, entries);
		ctx.onProgress((written += chunk.length));
	}
}

// ---------- Remembered mappings ----------

export type MappedList = 'volunteers' | 'demands';

const headerKeyOf = (headerSet: string) => createHash('sha256').update(headerSet).digest('hex');

/** The mapping an organisation last confirmed for this set of headers, if any. */
export async function rememberedMapping(db: Db, orgId: string, list: MappedList, headerSet: string): Promise<RememberedMapping | null> {
	const found = await db.importMapping.findUnique({
		where: { orgId_list_headerKey: { orgId, list, headerKey: headerKeyOf(headerSet) } },
		select: { columns: true }
	});
	return found ? (JSON.parse(found.columns) as RememberedMapping) : null;
}

/** Remembers a confirmed mapping (inside the import's transaction), audited when it changes. */
export async function rememberMapping(
	tx: Tx,
	target: { orgId: string; list: MappedList; actorId: string },
	headerSet: string,
	mapping: RememberedMapping
): Promise<void> {
	const headerKey = headerKeyOf(headerSet);
	const columns = JSON.stringify(mapping);
	const where = { orgId_list_headerKey: { orgId: target.orgId, list: target.list, headerKey } };
	const before = await tx.importMapping.findUnique({ where, select: { id: true, columns: true } });
	if (before?.columns === columns) return;
	const saved = await tx.importMapping.upsert({
		where,
		create: { orgId: target.orgId, list: target.list, headerKey, columns, updatedById: target.actorId },
		update: { columns, updatedById: target.actorId },
		select: { id: true }
	});
	await recordAudits(tx, [
		{
			actorId: target.actorId,
			orgId: target.orgId,
			entity: 'import_mapping',
			entityId: saved.id,
			action: before ? 'update' : 'create',
			before: before ? { list: target.list, columns: JSON.parse(before.columns) } : undefined,
			after: { list: target.list, columns: mapping }
		}
	]);
}
