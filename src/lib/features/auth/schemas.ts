import { z } from 'zod';
import { textField } from '$lib/validation/fields';

export const loginInput = z.object({
	identifier: textField().trim().min(1).max(64),
	password: textField().min(1).max(200)
});

export const localeInput = z.object({ locale: z.enum(['zh', 'en']) });
