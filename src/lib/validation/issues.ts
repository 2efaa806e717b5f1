// Turns zod issues into "which field, why" in the reader's language. Used by the tRPC
// error formatter on the server and by forms in the browser, so both say the same thing.
import { z, type core } from 'zod';

export type Locale = 'zh' | 'en';

export interface FieldError {
	/** Dotted path of the offending input field, e.g. "windows.0.from". */
	path: string;
	message: string;
}

const localizers = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

export function localizeIssues(issues: readonly core.$ZodIssue[], locale: Locale): FieldError[] {
	const localize = localizers[locale];
	const text = (r: ReturnType<typeof localize>) => (typeof r === 'string' ? r : r?.message);
	return issues.map((issue) => {
		// A schema's own message (custom rules, or an `error` on a check) is already in the
		// reader's language; only zod's built-in English defaults are translated.
		const isDefault = issue.code !== 'custom' && issue.message === text(localizers.en(issue as never));
		const message = isDefault ? (text(localize(issue as never)) ?? issue.message) : issue.message;
		return { path: issue.path.map(String).join('.'), message };
	});
}

export function formatFieldErrors(errors: readonly FieldError[]): string {
	return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
}
