// The demo prefecture: a city bureau, six districts with travel times, ~60 schools (a third
// rural) with calendars and visiting hours, ~200 veterans, ~400 needs of every kind, the
// spring round and one account per role. Deterministic, and run once: an existing database
// is left alone. `npm run db:seed` (or `tsx prisma/seed.ts`) migrates first.
import { pathToFileURL } from 'node:url';
import { nameInitials } from '../src/lib/domain/pinyin';
import { hashPassword } from '../src/lib/server/auth/password';
import { createDb, type Db } from '../src/lib/server/db';
import { resolveDatabase } from './database';
import { migrate } from './migrate';
import { seedDemands } from './seed-demands';
import { seedOfferings } from './seed-offerings';
import { seedOrganizations } from './seed-orgs';
import { seedRecords } from './seed-records';
import { seedScheduling } from './seed-scheduling';
import { seedVolunteers } from './seed-volunteers';
import { seededRandom } from '../src/lib/domain/random';

export const DEMO_PASSWORD = 'silver2026';

export interface DemoAccount {
	username: string;
	phone: string;
	role: 'admin' | 'coordinator' | 'leader' | 'school' | 'volunteer';
	displayName: string;
	where: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
	{ username: 'admin', phone: '13900000001', role: 'admin', displayName: '系统管理员', where: '江州市教育局关工委' },
	{ username: 'coord', phone: '13900000002', role: 'coordinator', displayName: '王主任', where: '江州市教育局关工委' },
	{ username: 'coord2', phone: '13900000003', role: 'coordinator', displayName: '陈秘书长', where: '江州市教育局关工委' },
	{ username: 'dcoord', phone: '13900000004', role: 'coordinator', displayName: '刘干事', where: '东湖区关工委' },
	{ username: 'leader', phone: '13900000005', role: 'leader', displayName: '周局长', where: '江州市教育局关工委' },
	{ username: 'school', phone: '13900000006', role: 'school', displayName: '东湖实验小学关工委', where: '东湖实验小学' },
	{ username: 'volunteer', phone: '13900000007', role: 'volunteer', displayName: '李秀兰老师', where: '东湖区关工委' }
];

export interface SeedSummary {
	skipped: boolean;
	organizations: number;
	schools: number;
	volunteers: number;
	demands: number;
	roundId: string | null;
}

/** Builds the demo prefecture unless the database already holds organisations. */
export async function seedDemo(db: Db, options: { seed?: number } = {}): Promise<SeedSummary> {
	if ((await db.organization.count()) > 0) {
		return { skipped: true, organizations: 0, schools: 0, volunteers: 0, demands: 0, roundId: null };
	}
	const r = seededRandom(options.seed ?? 2027);
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	// Each module draws from the one generator in turn: the order below is part of the demo.
	const { cityId, districtIds, schools, ruralSchools, organizations } = await seedOrganizations(db, r);
	const volunteers = await seedVolunteers(db, r, districtIds);
	const { round, demands } = await seedDemands(db, r, { cityId, schools, ruralSchools });

	// ---- Demo accounts ----
	const schoolOrg = schools[0];
	const orgOf: Record<DemoAccount['role'] | 'dcoord', string> = {
		admin: cityId,
		coordinator: cityId,
		leader: cityId,
		school: schoolOrg.id,
		volunteer: districtIds[0],
		dcoord: districtIds[0]
	};
	for (const account of DEMO_ACCOUNTS) {
		const user = await db.user.create({
			data: { username: account.username, phone: account.phone, displayName: account.displayName, passwordHash }
		});
		const orgId = account.username === 'dcoord' ? orgOf.dcoord : orgOf[account.role];
		await db.membership.create({ data: { userId: user.id, orgId, role: account.role } });
		if (account.role === 'volunteer') {
			const id = 'vol-demo';
			await db.volunteerProfile.create({
				data: {
					id,
					userId: user.id,
					orgId,
					name: '李秀兰',
					nameInitials: nameInitials('李秀兰'),
					phone: account.phone,
					category: 'retired_teacher',
					birthYear: 1952,
					offersOffline: true,
					offersOnline: false,
					homeDistrictId: orgId,
					maxTravelMinutes: 45,
					monthlyCapacity: 2,
					offer: '教了三十八年语文，可以给孩子讲阅读，也可以陪留守孩子聊聊天。',
					bio: '东湖区人，退休语文教师，喜欢书法。',
					topics: { create: [{ topic: 'reading' }, { topic: 'family' }, { topic: 'culture' }] },
					languages: { create: [{ language: 'zh' }] },
					availability: {
						create: [
							{ weekday: 2, fromMinute: 8 * 60 + 30, toMinute: 11 * 60 + 30 },
							{ weekday: 4, fromMinute: 14 * 60, toMinute: 17 * 60 }
						]
					}
				}
			});
		}
	}

	await seedOfferings(db, 'vol-demo');

	await seedRecords(db);
	await seedScheduling(db, round.id);
	return {
		skipped: false,
		organizations,
		schools: schools.length,
		volunteers: volunteers + 1,
		demands,
		roundId: round.id
	};
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const target = resolveDatabase(process.env);
	await migrate(target);
	const db = createDb(target);
	try {
		const summary = await seedDemo(db);
		console.log(
			summary.skipped
				? 'Demo data: the database already has data; nothing seeded.'
				: `Demo data: ${summary.organizations} organisations (${summary.schools} schools), ${summary.volunteers} volunteers, ${summary.demands} needs; round ${summary.roundId}.`
		);
	} finally {
		await db.$disconnect();
	}
}
