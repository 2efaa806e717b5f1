// Readable before/after of an audit entry: the changed fields only, nested objects as
// dotted paths, bookkeeping fields left out and pupils' personal data never shown.

export interface FieldChange {
	field: string;
	before: unknown;
	after: unknown;
}

/** Internal bookkeeping nobody needs to read in a change log. */
const HIDDEN = new Set(['id', 'createdAt', 'updatedAt', 'path', 'passwordHash', 'codeHash', 'invitationId']);
/** Personal data of pupils: the log says that it changed, not what it was. */
const REDACTED = new Set(['realName', 'contact']);
export const REDACTED_VALUE = '\u0000redacted';

function parse(snapshot: string | null): Record<string, unknown> {
	if (snapshot === null) return {};
	try {
		const value: unknown = JSON.parse(snapshot);
		return isPlainObject(value) ? value : { value };
	} catch {
		return { value: snapshot };
	}
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()) {
	for (const [key, v] of Object.entries(value)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (isPlainObject(v)) flatten(v, path, out);
		else out.set(path, v);
	}
	return out;
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);

export function diffSnapshots(before: string | null, after: string | null): FieldChange[] {
	const b = flatten(parse(before));
	const a = flatten(parse(after));
	const fields = [...new Set([...a.keys(), ...b.keys()])];
	const changes: FieldChange[] = [];
	for (const field of fields) {
		const key = lastSegment(field);
		if (HIDDEN.has(key)) continue;
		const was = b.get(field) ?? null;
		const now = a.get(field) ?? null;
		if (JSON.stringify(was) === JSON.stringify(now)) continue;
		if (REDACTED.has(key))
			changes.push({ field, before: was === null ? null : REDACTED_VALUE, after: now === null ? null : REDACTED_VALUE });
		else changes.push({ field, before: was, after: now });
	}
	return changes;
}

/** Fields whose values are organisation or user ids, shown by name when known. */
export const ORG_REF_FIELDS = new Set(['orgId', 'parentId', 'districtId', 'homeDistrictId', 'fromId', 'toId']);
export const USER_REF_FIELDS = new Set(['userId', 'actorId', 'createdById', 'updatedById', 'decidedById', 'usedById', 'authorId']);

/** Replaces id values of reference fields with names from the lookups. */
export function nameReferences(changes: FieldChange[], orgNames: Map<string, string>, userNames: Map<string, string>): FieldChange[] {
	const name = (field: string, value: unknown) => {
		if (typeof value !== 'string') return value;
		const key = lastSegment(field);
		if (ORG_REF_FIELDS.has(key)) return orgNames.get(value) ?? value;
		if (USER_REF_FIELDS.has(key)) return userNames.get(value) ?? value;
		return value;
	};
	return changes.map((c) => ({ field: c.field, before: name(c.field, c.before), after: name(c.field, c.after) }));
}

export function referencedUserIds(changes: FieldChange[]): string[] {
	const ids = new Set<string>();
	for (const c of changes) {
		if (!USER_REF_FIELDS.has(lastSegment(c.field))) continue;
		for (const v of [c.before, c.after]) if (typeof v === 'string') ids.add(v);
	}
	return [...ids];
}
