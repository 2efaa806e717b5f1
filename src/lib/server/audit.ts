// Append-only audit trail: who changed what, when, with before/after snapshots.
import type { Db } from './db';

type Tx = Pick<Db, 'auditLog'>;

export interface AuditEntry {
	actorId: string | null;
	orgId: string | null;
	entity: string;
	entityId: string;
	action: 'create' | 'update' | 'delete' | string;
	before?: unknown;
	after?: unknown;
}

const row = (entry: AuditEntry) => ({
	actorId: entry.actorId,
	orgId: entry.orgId,
	entity: entry.entity,
	entityId: entry.entityId,
	action: entry.action,
	before: entry.before === undefined ? null : JSON.stringify(entry.before),
	after: entry.after === undefined ? null : JSON.stringify(entry.after)
});

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
	await tx.auditLog.create({ data: row(entry) });
}

/** Many entries in one statement, for bulk changes such as a spreadsheet import. */
export async function recordAudits(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
	if (entries.length) await tx.auditLog.createMany({ data: entries.map(row) });
}
