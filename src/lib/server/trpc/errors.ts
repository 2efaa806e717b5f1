// Server-side rule violations in the same shape as input validation errors: the client
// gets `fieldErrors` (which field, why) and the message reads "field: reason".
import { TRPCError } from '@trpc/server';
import { z } from 'zod';

type Code = 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'TOO_MANY_REQUESTS';

export function fieldError(path: string, message: string, code: Code = 'BAD_REQUEST'): TRPCError {
	// A ZodError built with `new` is not an Error (tRPC would wrap it and drop the issues);
	// one produced by a parse is, so the rule is reported through a parse.
	const { error } = z
		.unknown()
		.superRefine((_, ctx) => ctx.addIssue({ code: 'custom', path: path.split('.'), message }))
		.safeParse(undefined);
	return new TRPCError({ code, message: `${path}: ${message}`, cause: error });
}
