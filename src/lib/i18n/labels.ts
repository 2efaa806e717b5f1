// Localized labels of the fixed vocabularies (topics, kinds, categories), looked up by code.
import { m } from '$lib/paraglide/messages';

type Messages = Record<string, (() => string) | undefined>;
const messages = m as unknown as Messages;

function label(prefix: string, code: string): string {
	return messages[`${prefix}_${code}`]?.() ?? code;
}

export const topicLabel = (code: string) => label('topic', code);
export const kindLabel = (code: string) => label('kind', code);
export const categoryLabel = (code: string) => label('category', code);
export const roleLabel = (code: string) => label('role', code);
export const statusLabel = (code: string) => label('status', code);
export const modeLabel = (code: string) => label('mode', code);
export const audienceLabel = (code: string) => label('audience', code);
export const languageLabel = (code: string) => label('language', code);
export const leaveStatusLabel = (code: string) => label('volunteers_leave_status', code);
