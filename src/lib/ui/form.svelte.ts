// Form state for the app's forms: the feature's zod schema checks the values as people
// type (errors show once a field was left or the form submitted), and the server's field
// errors land under the same fields.
import { tick } from 'svelte';
import type { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { describeFailure, fieldErrorsOf } from '$lib/trpc/client';
import { localizeIssues } from '$lib/validation/issues';

export type Errors = Record<string, string>;

function toRecord(errors: { path: string; message: string }[]): Errors {
	const out: Errors = {};
	for (const e of errors) out[e.path] ??= e.message;
	return out;
}

export function validate(schema: z.ZodType, value: unknown): Errors {
	const result = schema.safeParse(value);
	return result.success ? {} : toRecord(localizeIssues(result.error.issues, getLocale() === 'en' ? 'en' : 'zh'));
}

export async function focusFirstInvalid(root: HTMLElement | undefined) {
	await tick();
	root?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export class Form<S extends z.ZodType> {
	values: z.input<S>;
	touched = $state<Record<string, boolean>>({});
	submitted = $state(false);
	server = $state<Errors>({});
	busy = $state(false);
	/** A failure that names no field of this form. */
	failure = $state<string | null>(null);
	readonly #schema: S;
	readonly #serverPrefix: string;
	readonly errors: Errors;

	/** `serverPrefix`: where the procedure nests these values (`fields.` for `{ fields }`). */
	constructor(schema: S, initial: z.input<S>, options: { serverPrefix?: string } = {}) {
		this.#schema = schema;
		this.#serverPrefix = options.serverPrefix ?? '';
		this.values = $state(initial);
		this.errors = $derived(validate(this.#schema, this.values));
	}

	/** How many fields show an error now (for a summary above a long form). */
	get problemCount(): number {
		const shown = Object.keys(this.server);
		if (this.submitted) for (const path of Object.keys(this.errors)) if (!(path in this.server)) shown.push(path);
		return shown.length;
	}

	/** The message to show under a field, if any. */
	error(path: string): string | undefined {
		return this.server[path] ?? (this.touched[path] || this.submitted ? this.errors[path] : undefined);
	}

	/** The value at a dotted path ("title", "pupil.grade"). */
	get(path: string): unknown {
		return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | null | undefined)?.[key], this.values);
	}

	/** Sets the value at a dotted path whose parent exists. */
	set(path: string, value: unknown) {
		const keys = path.split('.');
		const last = keys.pop()!;
		const parent = keys.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], this.values) as Record<string, unknown>;
		parent[last] = value;
	}

	touch(path: string) {
		this.touched[path] = true;
		delete this.server[path];
	}

	reset(values: z.input<S>) {
		this.values = values;
		this.touched = {};
		this.submitted = false;
		this.server = {};
		this.failure = null;
	}

	/** Validates, then runs the call with the parsed values; false when nothing was sent or it failed. */
	async submit(root: HTMLElement | undefined, call: (values: z.output<S>) => Promise<unknown>): Promise<boolean> {
		this.submitted = true;
		this.server = {};
		this.failure = null;
		const parsed = this.#schema.safeParse($state.snapshot(this.values));
		if (!parsed.success) {
			await focusFirstInvalid(root);
			return false;
		}
		this.busy = true;
		try {
			await call(parsed.data);
			return true;
		} catch (e) {
			const prefix = this.#serverPrefix;
			const fields = fieldErrorsOf(e).map((f) => (prefix && f.path.startsWith(prefix) ? { ...f, path: f.path.slice(prefix.length) } : f));
			const own = fields.filter((f) => f.path.split('.')[0] in (this.values as object));
			this.server = toRecord(own);
			const other = fields.filter((f) => !own.includes(f));
			this.failure = other.length ? other.map((f) => f.message).join(' ') : own.length ? null : describeFailure(e);
			await focusFirstInvalid(root);
			return false;
		} finally {
			this.busy = false;
		}
	}
}
