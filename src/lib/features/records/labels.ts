// Labels of a report's rows in a given locale (the export runs outside a page's locale).
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/validation/issues';
import type { Dimension } from './domain';

type Messages = Record<string, ((p: object, o: { locale: Locale }) => string) | undefined>;
const messages = m as unknown as Messages;

/** The name of a breakdown row's key: an organisation's name, or a vocabulary label. */
export function rowLabel(dimension: Dimension, key: string | null, orgNames: Record<string, string>, locale: Locale): string {
	if (key === null) return m.reports_other({}, { locale });
	if (dimension === 'district' || dimension === 'school') return orgNames[key] ?? key;
	const prefix = dimension === 'category' ? 'category' : dimension;
	return messages[`${prefix}_${key}`]?.({}, { locale }) ?? key;
}
