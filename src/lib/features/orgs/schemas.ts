import { z } from 'zod';
import { ORG_LEVELS, ROLES } from '$lib/domain/vocabulary';

/** Which level may sit directly under which. */
export const CHILD_LEVEL = {
	city: 'district',
	district: 'school',
	school: 'village_group',
	village_group: null
} as const;

export const createOrgInput = z.object({
	orgId: z.string().min(1).describe('parent organisation'),
	name: z.string().trim().min(2).max(60),
	nameEn: z.string().trim().max(80).optional(),
	level: z.enum(ORG_LEVELS),
	rural: z.boolean().default(false),
	address: z.string().trim().max(120).optional()
});

export const inviteInput = z.object({
	orgId: z.string().min(1),
	role: z.enum(ROLES),
	displayName: z.string().trim().max(40).optional(),
	phone: z
		.string()
		.trim()
		.regex(/^1\d{10}$/, '手机号应为 11 位数字 / phone must be 11 digits')
		.optional()
});

export const acceptInviteInput = z.object({
	code: z.string().trim().min(6).max(64),
	username: z
		.string()
		.trim()
		.regex(/^[a-zA-Z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字或 _.- / 3–32 letters, digits or _.-'),
	displayName: z.string().trim().min(1).max(40),
	password: z.string().min(8).max(200),
	phone: z
		.string()
		.trim()
		.regex(/^1\d{10}$/, '手机号应为 11 位数字 / phone must be 11 digits')
		.optional()
});

export const deactivateMemberInput = z.object({
	orgId: z.string().min(1),
	membershipId: z.string().min(1)
});
