// Every procedure of the real app router, called as signed-in users of each role with inputs
// derived from the procedure's own zod schema and broken on purpose: lone surrogates,
// impossible dates, wrong types, huge and empty values, real ids in the wrong places. Each
// call either succeeds or is refused with a 4xx; none fails with a 5xx. The procedures are
// read from the router, so procedures added later are covered without touching this file.
import { TRPCError, type AnyProcedure } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTestDb, type TestDb } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callerAs } from '$tests/helpers/api';
import { appRouter } from './router';

const ROLES = ['admin', 'coordA', 'schoolA1', 'volA'] as const;
const RUNS_PER_ROLE = 6;
const SEED = 20270301;

/** Every procedure by its dotted path, as tRPC flattens the router. */
const byPath = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const procedures = Object.entries(byPath).filter(([, p]) => p._def.type !== 'subscription');

const BROKEN_STRINGS = [
	'\ud800',
	'a\udc00b',
	'\udfff\ud800',
	'2027-02-30',
	'2027-13-45',
	'',
	' ',
	'0',
	'-1',
	'null',
	'__proto__',
	'../../etc/passwd',
	"' OR 1=1 --",
	'x'.repeat(5000)
];

function anything(ids: string[]): fc.Arbitrary<unknown> {
	return fc.oneof(
		fc.constantFrom<unknown>(
			null,
			undefined,
			true,
			0,
			-1,
			1.5,
			Number.MAX_SAFE_INTEGER,
			Infinity,
			Number.NaN,
			[],
			{},
			new Date(Number.NaN)
		),
		fc.constantFrom(...BROKEN_STRINGS, ...ids),
		fc.string(),
		fc.array(fc.string(), { maxLength: 3 })
	);
}

/** Values shaped like the schema most of the time, anything at all some of the time. */
function arbitraryFor(schema: z.core.$ZodType, ids: string[], depth = 0): fc.Arbitrary<unknown> {
	const broken = anything(ids);
	const shaped = shapedFor(schema, ids, depth);
	return shaped ? fc.oneof({ arbitrary: shaped, weight: 4 }, { arbitrary: broken, weight: 1 }) : broken;
}

function shapedFor(schema: z.core.$ZodType, ids: string[], depth: number): fc.Arbitrary<unknown> | null {
	const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
	const inner = (key: string) => arbitraryFor(def[key] as z.core.$ZodType, ids, depth + 1);
	if (depth > 6) return null;
	switch (def.type) {
		case 'string':
			return fc.oneof(
				fc.constantFrom(...ids),
				fc.constantFrom(...BROKEN_STRINGS),
				fc.string({ maxLength: 30 }),
				fc.string({ unit: 'binary', maxLength: 10 })
			);
		case 'number':
			return fc.oneof(fc.integer({ min: -5, max: 30 }), fc.integer(), fc.double());
		case 'boolean':
			return fc.boolean();
		case 'enum':
			return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
		case 'literal':
			return fc.constantFrom(...(def.values as unknown[]));
		case 'optional':
		case 'default':
		case 'prefault':
			return fc.option(inner('innerType'), { nil: undefined });
		case 'nullable':
			return fc.option(inner('innerType'), { nil: null });
		case 'readonly':
		case 'catch':
		case 'nonoptional':
			return inner('innerType');
		case 'pipe':
			return inner('in');
		case 'lazy':
			return null;
		case 'array':
			return fc.array(inner('element'), { maxLength: 4 });
		case 'tuple':
			return fc.tuple(...(def.items as z.core.$ZodType[]).map((s) => arbitraryFor(s, ids, depth + 1)));
		case 'record':
			return fc.dictionary(fc.string({ maxLength: 8 }), inner('valueType'), { maxKeys: 3 });
		case 'union':
			return fc.oneof(...(def.options as z.core.$ZodType[]).map((s) => arbitraryFor(s, ids, depth + 1)));
		case 'object': {
			const shape = def.shape as Record<string, z.core.$ZodType>;
			return fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, arbitraryFor(s, ids, depth + 1)])), {
				requiredKeys: []
			});
		}
		default:
			return null;
	}
}

/** The input a procedure declares (the last parser of a chain wins), or none. */
const inputOf = (p: AnyProcedure) => (p._def.inputs as z.core.$ZodType[]).at(-1);

describe('every procedure under broken input', () => {
	let t: TestDb;
	let tree: Tree;
	let ids: string[];
	const callers = new Map<string, Awaited<ReturnType<typeof callerAs>>>();

	beforeAll(async () => {
		t = await createTestDb('sqlite');
		tree = await buildTree(t.db);
		ids = [
			tree.city,
			tree.districtA,
			tree.districtB,
			tree.schoolA1,
			tree.schoolB1,
			tree.villageA1,
			tree.roundId,
			tree.volunteerA,
			...Object.values(tree.users)
		];
		for (const role of ROLES) callers.set(role, await callerAs(t.db, role));
	});
	afterAll(() => t.cleanup());

	it('reads the procedures from the router', () => {
		expect(procedures.length).toBeGreaterThan(40);
	});

	it.each(procedures)('%s answers 4xx, never 5xx', async (path, procedure) => {
		const schema = inputOf(procedure);
		const input = schema ? arbitraryFor(schema, ids) : anything(ids);
		const role = fc.constantFrom(...ROLES);
		await fc.assert(
			fc.asyncProperty(role, input, async (who, value) => {
				const call = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callers.get(who)) as (
					v: unknown
				) => Promise<unknown>;
				try {
					await call(value);
				} catch (e) {
					expect(e).toBeInstanceOf(TRPCError);
					const status = getHTTPStatusCodeFromError(e as TRPCError);
					if (status >= 500) throw new Error(`${path} as ${who} answered ${status}: ${(e as TRPCError).cause ?? (e as Error).message}`);
				}
			}),
			{ numRuns: RUNS_PER_ROLE * ROLES.length, seed: SEED, endOnFailure: true }
		);
	});
});
