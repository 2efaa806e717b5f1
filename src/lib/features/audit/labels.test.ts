// Every record, action and field the code writes to the audit log reads as words on the
// Chinese and English pages, never as the code itself ("publish", "demandIds").
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setLocale } from '$lib/paraglide/runtime';
import { actionLabel, entityLabel, fieldLabel, formatValue } from './labels';

const root = path.resolve(import.meta.dirname, '../../../..');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return e.name === 'paraglide' || e.name === 'generated' ? [] : sources(p);
		return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
	});
}

/** The object literal of each `recordAudit(tx, { … })` call, by balancing braces. */
function auditCalls(text: string): string[] {
	const calls: string[] = [];
	for (let i = text.indexOf('recordAudit('); i !== -1; i = text.indexOf('recordAudit(', i + 1)) {
		const open = text.indexOf('{', i);
		if (open === -1 || text.slice(i, open).includes(')')) continue;
		let depth = 0;
		for (let j = open; j < text.length; j++) {
			if (text[j] === '{') depth++;
			else if (text[j] === '}' && --depth === 0) {
				calls.push(text.slice(open, j + 1));
				break;
			}
		}
	}
	return calls;
}

const written = { entities: new Set<string>(), actions: new Set<string>(), fields: new Set<string>() };
for (const file of sources(path.join(root, 'src'))) {
	for (const call of auditCalls(readFileSync(file, 'utf8'))) {
		for (const [, e] of call.matchAll(/\bentity: '([a-z_]+)'/g)) written.entities.add(e);
		for (const [, a] of call.matchAll(/\baction: '([a-z_]+)'/g)) written.actions.add(a);
		for (const [, body] of call.matchAll(/\b(?:before|after): \{([^{}]*)\}/g))
			for (const [, key] of body.matchAll(/(?:^|,)\s*([a-zA-Z]+)(?=\s*[:,]|\s*$)/g)) written.fields.add(key);
	}
}

describe.each(['zh', 'en'] as const)('audit labels in %s', (locale) => {
	it('finds the audit calls to check', () => {
		expect(written.entities.size).toBeGreaterThan(10);
		expect(written.actions.size).toBeGreaterThan(10);
	});
	it('names every record, action and field written to the log', () => {
		setLocale(locale, { reload: false });
		const raw = (label: (code: string) => string, codes: Set<string>) => [...codes].filter((c) => label(c) === c);
		expect({
			entities: raw(entityLabel, written.entities),
			actions: raw(actionLabel, written.actions),
			fields: raw(fieldLabel, written.fields)
		}).toEqual({ entities: [], actions: [], fields: [] });
	});
	it('reads stored codes as words', () => {
		setLocale(locale, { reload: false });
		expect(formatValue('assignment', 'state', 'invited')).not.toBe('invited');
		expect(formatValue('round', 'demandIds', 'all')).not.toBe('all');
		expect(formatValue('scheduled_session', 'status', 'confirmed')).not.toBe('confirmed');
	});
});
