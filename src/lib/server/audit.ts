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

export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
	await tx.auditLog.create({
		data: {
			actorId: entry.actorId,
			orgId: entry.orgId,
			entity: entry.entity,
			entityId: entry.entityId,
			action: entry.action,
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after)
		}
	});
}
