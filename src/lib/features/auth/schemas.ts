import { z } from 'zod';

export const loginInput = z.object({
	identifier: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(200)
});

export const localeInput = z.object({ locale: z.enum(['zh', 'en']) });
