// Field rules every schema shares. Text must be well-formed Unicode: a lone surrogate
// ("\ud800") cannot be stored or compared by the databases, so it is refused at the door
// with a field error rather than failing deep inside a query.
import { z } from 'zod';
import { m } from '../paraglide/messages';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isWellFormed = (value: string) => !LONE_SURROGATE.test(value);

/** Any text field: a string of well-formed Unicode. */
export const textField = () => z.string().refine(isWellFormed, { error: () => m.text_error_unicode() });

/** The id of a stored record. */
export const idField = () => textField().min(1).max(64);

/** The path of the first ill-formed string in a raw input (keys included), or null. */
export function illFormedPath(value: unknown, path: string[] = []): string[] | null {
	if (typeof value === 'string') return isWellFormed(value) ? null : path;
	if (Array.isArray(value)) {
		for (const [i, item] of value.entries()) {
			const found = illFormedPath(item, [...path, String(i)]);
			if (found) return found;
		}
		return null;
	}
	if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
		for (const [key, item] of Object.entries(value)) {
			if (!isWellFormed(key)) return path;
			const found = illFormedPath(item, [...path, key]);
			if (found) return found;
		}
	}
	return null;
}
