// A notification row in the reader's words: `kind` picks the message, the payload fills it,
// instants are shown in Shanghai time.
import { formatMomentAs } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';

type Locale = 'zh' | 'en';
type Messages = Record<string, ((inputs: Record<string, unknown>, options: { locale: Locale }) => string) | undefined>;

const INSTANT_FIELDS = ['firstStartsAt', 'startsAt', 'from', 'to'];
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface NotificationView {
	id: string;
	kind: string;
	text: string;
	href: string | null;
	read: boolean;
	createdAt: string;
}

export function parsePayload(payload: string): Record<string, unknown> {
	try {
		const value: unknown = JSON.parse(payload);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

export function notificationText(kind: string, payload: Record<string, unknown>, locale: Locale): string {
	const inputs: Record<string, unknown> = { ...payload };
	for (const field of INSTANT_FIELDS) {
		const v = inputs[field];
		if (typeof v === 'string' && ISO_INSTANT.test(v)) inputs[field] = formatMomentAs(v, 'datetime', locale);
	}
	const message = (m as unknown as Messages)[messageKey(kind, payload)];
	const text = message ? message(inputs, { locale }) : m.notifications_kind_other({}, { locale });
	const asides = [
		typeof payload.reason === 'string' && payload.reason ? m.notifications_reason({ reason: payload.reason }, { locale }) : '',
		typeof payload.note === 'string' && payload.note ? m.notifications_note({ note: payload.note }, { locale }) : ''
	].filter(Boolean);
	if (!asides.length) return text;
	return locale === 'en' ? `${text} (${asides.join('; ')})` : `${text}（${asides.join('；')}）`;
}

function messageKey(kind: string, payload: Record<string, unknown>): string {
	if (kind === 'reminder.session') return `notifications_kind_reminder_session_${payload.daysBefore === 1 ? 1 : 7}`;
	// A booking invites before the engine has dated the session.
	if (kind === 'invitation.new' && !payload.firstStartsAt) return 'notifications_kind_invitation_new_undated';
	return `notifications_kind_${kind.replace(/\./g, '_')}`;
}

/** Only links inside the app; a payload is data, not a place to send people. */
export function safeHref(payload: Record<string, unknown>): string | null {
	const href = payload.href;
	return typeof href === 'string' && href.startsWith('/') && !href.startsWith('//') ? href : null;
}

export function toView(
	row: { id: string; kind: string; payload: string; readAt: Date | null; createdAt: Date },
	locale: Locale
): NotificationView {
	const payload = parsePayload(row.payload);
	return {
		id: row.id,
		kind: row.kind,
		text: notificationText(row.kind, payload, locale),
		href: safeHref(payload),
		read: row.readAt !== null,
		createdAt: row.createdAt.toISOString()
	};
}
