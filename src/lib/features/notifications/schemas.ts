import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const listInput = z.object({ limit: z.number().int().min(1).max(100).default(30), unreadOnly: z.boolean().default(false) });
export const markReadInput = z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(100) });
export const channelSettingInput = z.object({
	channel: z.literal('email'),
	enabled: z.boolean(),
	address: z
		.string()
		.trim()
		.max(200)
		.pipe(z.email({ error: () => m.notifications_error_email() }))
});
