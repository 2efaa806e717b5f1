// Test support shared by the features' router tests: callers acting as the fixture's users
// against a real database, helpers to look at refusals, and the authorization sweep.
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import type { TestDb } from './test-db';
import { createCallerFactory } from '$lib/server/trpc/init';
import { appRouter } from '$lib/server/trpc/router';
import type { Locale } from '$lib/validation/issues';

const createCaller = createCallerFactory(appRouter);
export type Api = ReturnType<typeof createCaller>;

export function callers(t: () => TestDb) {
	const cookies: string[] = [];
	async function as(username: string | null, { locale = 'zh' as Locale, ip = '127.0.0.1' } = {}): Promise<Api> {
		let user = null;
		if (username) {
			const u = await t().db.user.findUniqueOrThrow({ where: { username } });
			user = { id: u.id, username: u.username, displayName: u.displayName, locale: u.locale };
		}
		return createCaller({
			db: t().db,
			locale,
			user,
			sessionId: null,
			ip,
			setSessionCookie: (token) => {
				if (token) cookies.push(token);
			}
		});
	}
	return { as, cookies };
}

/** The TRPCError a call fails with (fails the test when it succeeds). */
export async function failure(call: Promise<unknown>): Promise<TRPCError> {
	try {
		await call;
	} catch (e) {
		if (e instanceof TRPCError) return e;
		throw e;
	}
	expect.unreachable('the call should have been refused');
	throw new Error('unreachable');
}

/** Field paths named by a refusal (zod issues or a "field: reason" rule). */
export function fieldsOf(error: TRPCError): string[] {
	const cause = error.cause as { issues?: { path: PropertyKey[] }[] } | undefined;
	return (cause?.issues ?? []).map((i) => i.path.map(String).join('.'));
}

/** "field: reason" for each issue of a refusal, as the error formatter would send it. */
export function explain(error: TRPCError): string {
	const cause = error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
	return (cause?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ') || error.message;
}

/** One procedure in an authorization sweep: who may call it about a side of the tree, and the call. */
export interface SweepCase<Side, Target, Caller> {
	allowed: (side: Side) => readonly Caller[];
	call: (api: Api, target: Target, n: number) => Promise<unknown>;
}

/**
 * Calls every case as every caller about one side of the tree. Each refusal must carry
 * nothing of the target (`secret`) and look exactly like the same call about `nowhere`
 * (ids that exist nowhere). Returns what happened and what was expected, line by line.
 */
export async function sweepSide<Side, Target, Caller extends string | null>(options: {
	cases: Record<string, SweepCase<Side, Target, Caller>>;
	callers: readonly Caller[];
	as: (caller: Caller) => Promise<Api>;
	side: Side;
	target: Target;
	nowhere: Target;
	secret: string;
	next: () => number;
}): Promise<{ outcomes: string[]; expected: string[] }> {
	const outcomes: string[] = [];
	const expected: string[] = [];
	for (const [name, c] of Object.entries(options.cases)) {
		const allowed = c.allowed(options.side);
		for (const caller of options.callers) {
			const api = await options.as(caller);
			const label = `${name} as ${caller ?? 'signed out'}`;
			expected.push(`${label}: ${allowed.includes(caller) ? 'ok' : 'refused'}`);
			try {
				await c.call(api, options.target, options.next());
				outcomes.push(`${label}: ok`);
			} catch (e) {
				const error = e as { code?: string; message?: string };
				outcomes.push(
					`${label}: ${['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(error.code ?? '') ? 'refused' : `failed ${error.code} ${error.message}`}`
				);
				expect(JSON.stringify({ message: error.message, cause: (e as Error).cause }), label).not.toContain(options.secret);
				// Out of reach looks exactly like not there at all.
				const probe = await failure(c.call(api, options.nowhere, options.next()));
				expect([error.code, error.message], label).toEqual([probe.code, probe.message]);
			}
		}
	}
	return { outcomes, expected };
}

/**
 * The two tests every router's authorization file opens with: the cases cover every procedure
 * of its routers, and the sweep allows exactly the expected callers on sides A and B.
 * `targetOf` may create the side's records (it runs inside the test).
 */
export function sweepTests<Target, Caller extends string | null>(options: {
	routers: readonly string[];
	cases: Record<string, SweepCase<'A' | 'B', Target, Caller>>;
	callers: readonly Caller[];
	as: (caller: Caller) => Promise<Api>;
	targetOf: (side: 'A' | 'B') => Target | Promise<Target>;
	nowhere: Target;
	secretOf: (side: 'A' | 'B') => string;
	next: () => number;
}) {
	it(`covers every procedure of the ${options.routers.join(' and ')} router${options.routers.length > 1 ? 's' : ''}`, () => {
		const procedures = Object.keys(appRouter._def.procedures).filter((p) => options.routers.some((r) => p.startsWith(`${r}.`)));
		expect(Object.keys(options.cases).sort()).toEqual(procedures.sort());
	});
	for (const side of ['A', 'B'] as const) {
		it(`allows exactly the expected callers on side ${side} and refuses the rest without leaking`, async () => {
			const { outcomes, expected } = await sweepSide({
				...options,
				side,
				target: await options.targetOf(side),
				secret: options.secretOf(side)
			});
			expect(outcomes).toEqual(expected);
		});
	}
}
