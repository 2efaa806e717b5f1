// Words for what the audit log stores as codes: records, actions, fields and values.
import { categoryLabel, kindLabel, roleLabel, statusLabel, topicLabel } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages';
import { formatDay, formatMoment } from '$lib/domain/dates';
import { REDACTED_VALUE } from './diff';

type Messages = Record<string, ((inputs?: object) => string) | undefined>;
const messages = m as unknown as Messages;
const lookup = (key: string) => messages[key]?.();

export const entityLabel = (entity: string) => lookup(`audit_entity_${entity}`) ?? entity;
export const actionLabel = (action: string) => lookup(`audit_action_${action}`) ?? action;

/** "pupil.grade" reads as its last part's label, or the path itself when unknown. */
export function fieldLabel(field: string): string {
	return lookup(`audit_field_${field.replace(/\./g, '_')}`) ?? lookup(`audit_field_${field.slice(field.lastIndexOf('.') + 1)}`) ?? field;
}

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function codeLabel(entity: string, field: string, code: string): string {
	const key = field.slice(field.lastIndexOf('.') + 1);
	if (key === 'role') return roleLabel(code);
	if (key === 'level') return lookup(`level_${code}`) ?? code;
	if (key === 'kind') return entity === 'calendar_entry' ? (lookup(`orgs_kind_${code}`) ?? code) : kindLabel(code);
	if (key === 'topic') return topicLabel(code);
	if (key === 'category') return categoryLabel(code);
	if (key === 'state') return lookup(`audit_state_${code}`) ?? code;
	if (key === 'status') return (entity === 'demand' ? statusLabel(code) : lookup(`sched_status_${code}`)) ?? code;
	if (key === 'demandIds' && code === 'all') return m.audit_value_all();
	return code;
}

export function formatValue(entity: string, field: string, value: unknown): string {
	if (value === REDACTED_VALUE) return m.audit_redacted();
	if (value === null || value === undefined || value === '') return m.audit_empty_value();
	if (typeof value === 'boolean') return value ? m.audit_yes() : m.audit_no();
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') {
		if (ISO_MOMENT.test(value)) {
			const date = new Date(value);
			return value.includes('T00:00:00.000Z') ? formatDay(date) : formatMoment(date);
		}
		return codeLabel(entity, field, value);
	}
	if (Array.isArray(value)) return value.map((v) => formatValue(entity, field, v)).join('、');
	return JSON.stringify(value);
}
