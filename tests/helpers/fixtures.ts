// A small organisation tree with one user per role, for authorization and API tests:
//   city ─┬─ districtA ─┬─ schoolA1 ── villageA1
//         │             └─ schoolA2
//         └─ districtB ─── schoolB1
import type { RoleCode } from '../../src/lib/domain/vocabulary';
import type { Db } from '../../src/lib/server/db';
import { hashPassword } from '../../src/lib/server/auth/password';

export const PASSWORD = 'correct-horse-9';

export interface Tree {
	city: string;
	districtA: string;
	districtB: string;
	schoolA1: string;
	schoolA2: string;
	schoolB1: string;
	villageA1: string;
	users: Record<string, string>;
	roundId: string;
	volunteerA: string;
}

let cachedHash: Promise<string> | null = null;

export async function buildTree(db: Db): Promise<Tree> {
	cachedHash ??= hashPassword(PASSWORD);
	const passwordHash = await cachedHash;
	async function org(
		name: string,
		level: 'city' | 'district' | 'school' | 'village_group',
		parent?: { id: string; path: string; districtId: string | null }
	) {
		const created = await db.organization.create({ data: { name, level, path: 'pending', parentId: parent?.id } });
		const districtId = level === 'district' ? created.id : (parent?.districtId ?? null);
		return db.organization.update({
			where: { id: created.id },
			data: { path: `${parent?.path ?? '/'}${created.id}/`, districtId }
		});
	}
	const city = await org('江州市教育局关工委', 'city');
	const districtA = await org('东湖区关工委', 'district', city);
	const districtB = await org('西山区关工委', 'district', city);
	const schoolA1 = await org('东湖实验小学', 'school', districtA);
	const schoolA2 = await org('东湖第二中学', 'school', districtA);
	const schoolB1 = await org('西山中心小学', 'school', districtB);
	const villageA1 = await org('柳村关工小组', 'village_group', schoolA1);
	await db.travelTime.createMany({
		data: [
			{ fromId: districtA.id, toId: districtB.id, minutes: 40 },
			{ fromId: districtB.id, toId: districtA.id, minutes: 40 }
		]
	});

	const users: Record<string, string> = {};
	async function user(username: string, grants: [RoleCode, string][]) {
		const u = await db.user.create({ data: { username, displayName: username, passwordHash } });
		for (const [role, orgId] of grants) await db.membership.create({ data: { userId: u.id, orgId, role } });
		users[username] = u.id;
		return u;
	}
	await user('admin', [['admin', city.id]]);
	await user('cityCoord', [['coordinator', city.id]]);
	await user('coordA', [['coordinator', districtA.id]]);
	await user('coordB', [['coordinator', districtB.id]]);
	await user('leader', [['leader', city.id]]);
	await user('schoolA1', [['school', schoolA1.id]]);
	await user('schoolB1', [['school', schoolB1.id]]);
	const vUser = await user('volA', [['volunteer', districtA.id]]);
	await user('nobody', []);

	const volunteer = await db.volunteerProfile.create({
		data: {
			userId: vUser.id,
			orgId: districtA.id,
			name: '李老师',
			category: 'retired_teacher',
			homeDistrictId: districtA.id,
			topics: { create: [{ topic: 'legal' }] },
			languages: { create: [{ language: 'zh' }] }
		}
	});
	const round = await db.matchingRound.create({
		data: { orgId: districtA.id, name: '2027 春季学期', fromDate: new Date('2027-02-22'), toDate: new Date('2027-07-09') }
	});
	return {
		city: city.id,
		districtA: districtA.id,
		districtB: districtB.id,
		schoolA1: schoolA1.id,
		schoolA2: schoolA2.id,
		schoolB1: schoolB1.id,
		villageA1: villageA1.id,
		users,
		roundId: round.id,
		volunteerA: volunteer.id
	};
}
