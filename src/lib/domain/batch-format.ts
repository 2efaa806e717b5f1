// What the batch formats (matching, scheduling) share when reading a document: every
// problem of shape listed with a readable path, records named by their id.
import type { z } from 'zod';

export interface FormatIssue {
	/** e.g. `volunteers[3] (id "v004").capacity`. */
	readonly path: string;
	readonly message: string;
}

/** A malformed document; each format names its own subclass so a CLI can tell them apart. */
export class BatchFormatError extends Error {
	constructor(
		readonly what: string,
		readonly issues: readonly FormatIssue[]
	) {
		const shown = issues.slice(0, 20).map((i) => `  ${i.path || '(document)'}: ${i.message}`);
		if (issues.length > shown.length) shown.push(`  ... and ${issues.length - shown.length} more`);
		super(`malformed ${what}:\n${shown.join('\n')}`);
	}
}

/** A readable path; array elements that are records with an id are named by it. */
export function describePath(doc: unknown, path: readonly PropertyKey[]): string {
	let text = '';
	let node: unknown = doc;
	for (const key of path) {
		if (typeof key === 'number') {
			text += `[${key}]`;
			node = Array.isArray(node) ? node[key] : undefined;
			const recordId = node !== null && typeof node === 'object' && 'id' in node ? node.id : undefined;
			if (typeof recordId === 'string') text += ` (id "${recordId}")`;
		} else {
			text += text ? `.${String(key)}` : String(key);
			node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
		}
	}
	return text;
}

/** The parsed document, or the format's error listing every issue. */
export function parseWith<T>(
	schema: z.ZodType<T>,
	what: string,
	doc: unknown,
	Failure: new (what: string, issues: readonly FormatIssue[]) => BatchFormatError
): T {
	const parsed = schema.safeParse(doc);
	if (parsed.success) return parsed.data;
	throw new Failure(
		what,
		parsed.error.issues.map((i) => ({ path: describePath(doc, i.path), message: i.message }))
	);
}
