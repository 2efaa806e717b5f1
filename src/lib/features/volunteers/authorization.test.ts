// Authorization sweep: every volunteers.* procedure, called as every role, about a volunteer
// inside and outside the caller's subtree. Allowed calls succeed; the rest are refused
// exactly like calls naming a volunteer, leave or organisation that does not exist, and the
// refusal carries nothing about the target.
import { addDays, dayToDate } from '$lib/domain/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { callers, sweepTests, type SweepCase } from '$tests/helpers/callers';
import type { ProfileFields } from './schemas';

type Side = 'A' | 'B';
const CALLERS = ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody', null] as const;
type Caller = (typeof CALLERS)[number];

interface Target {
	district: string;
	volunteer: string;
	/** A fresh pending leave of the target volunteer, or a missing id for the probe. */
	leave: () => Promise<string>;
}

type Case = SweepCase<Side, Target, Caller>;

const editors = (side: Side): Caller[] => ['admin', 'cityCoord', side === 'A' ? 'coordA' : 'coordB'];
/** Editors, and on side A the veteran the record belongs to. */
const editorsOrSelf = (side: Side): Caller[] => [...editors(side), ...(side === 'A' ? (['volA'] as const) : [])];
const signedIn = (): Caller[] => CALLERS.filter((c) => c !== null);

const SECRET_NAME = '秘密测试员';
const fields = (homeDistrictId: string): ProfileFields => ({
	name: SECRET_NAME,
	phone: null,
	category: 'retired_expert',
	topics: ['science'],
	offersOnline: true,
	offersOffline: true,
	homeDistrictId,
	maxTravelMinutes: 30,
	monthlyCapacity: 2,
	languages: ['zh'],
	offer: '',
	bio: ''
});
/** A one-day leave on a day no other call uses, so requests never overlap. */
const leaveDay = (n: number) => addDays('2030-01-01', n);

describe.each(providers)('volunteers authorization sweep on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	let volunteerB: string;
	const { as } = callers(() => t);
	let counter = 0;
	const next = () => ++counter;

	const pendingLeave = async (volunteerId: string) => {
		const day = dayToDate(leaveDay(1000 + next()));
		return (await t.db.leave.create({ data: { volunteerId, fromDate: day, toDate: day, reason: '测试' } })).id;
	};

	const CASES: Record<string, Case> = {
		'volunteers.profile': {
			allowed: (side) => [...editorsOrSelf(side), 'leader'],
			call: (api, x) => api.volunteers.profile({ volunteerId: x.volunteer })
		},
		'volunteers.saveProfile': {
			allowed: editorsOrSelf,
			call: (api, x) => api.volunteers.saveProfile({ volunteerId: x.volunteer, fields: fields(x.district) })
		},
		'volunteers.create': { allowed: editors, call: (api, x) => api.volunteers.create({ orgId: x.district, fields: fields(x.district) }) },
		'volunteers.setAvailability': {
			allowed: editorsOrSelf,
			call: (api, x) => api.volunteers.setAvailability({ volunteerId: x.volunteer, ticked: ['3:morning'] })
		},
		'volunteers.requestLeave': {
			allowed: editorsOrSelf,
			call: (api, x, n) =>
				api.volunteers.requestLeave({ volunteerId: x.volunteer, fromDate: leaveDay(n), toDate: leaveDay(n), reason: '外出' })
		},
		'volunteers.cancelLeave': { allowed: editorsOrSelf, call: async (api, x) => api.volunteers.cancelLeave({ id: await x.leave() }) },
		'volunteers.decideLeave': {
			allowed: editors,
			call: async (api, x) => api.volunteers.decideLeave({ id: await x.leave(), approve: true })
		},
		// The lists answer everyone signed in, with only what the caller may see: checked below.
		'volunteers.list': { allowed: signedIn, call: (api) => api.volunteers.list({}) },
		'volunteers.leaves': { allowed: signedIn, call: (api) => api.volunteers.leaves({}) },
		'volunteers.me': { allowed: signedIn, call: (api) => api.volunteers.me() }
	};

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		volunteerB = (
			await t.db.volunteerProfile.create({
				data: {
					orgId: tree.districtB,
					name: '西山老专家',
					category: 'retired_expert',
					homeDistrictId: tree.districtB,
					topics: { create: [{ topic: 'science' }] }
				}
			})
		).id;
	});
	afterAll(() => t.cleanup());

	const targetOf = (side: Side): Target => {
		const volunteer = side === 'A' ? tree.volunteerA : volunteerB;
		return { district: side === 'A' ? tree.districtA : tree.districtB, volunteer, leave: () => pendingLeave(volunteer) };
	};
	const nowhere: Target = { district: 'missing', volunteer: 'missing', leave: async () => 'missing' };

	sweepTests({
		routers: ['volunteers'],
		cases: CASES,
		callers: CALLERS,
		as,
		targetOf: targetOf,
		nowhere,
		secretOf: () => SECRET_NAME,
		next
	});

	it('lists only the volunteers and leave of the caller subtree', async () => {
		await pendingLeave(tree.volunteerA);
		await pendingLeave(volunteerB);
		const seen = async (caller: string) => {
			const api = await as(caller);
			const listed = new Set((await api.volunteers.list({ pageSize: 200 })).rows.map((r) => r.id));
			const onLeave = new Set((await api.volunteers.leaves({})).map((l) => l.volunteer.id));
			return [listed.has(tree.volunteerA), listed.has(volunteerB), onLeave.has(tree.volunteerA), onLeave.has(volunteerB)];
		};
		expect(await seen('admin')).toEqual([true, true, true, true]);
		expect(await seen('cityCoord')).toEqual([true, true, true, true]);
		expect(await seen('coordA')).toEqual([true, false, true, false]);
		expect(await seen('coordB')).toEqual([false, true, false, true]);
		// Leaders read the resource list but decide no leave.
		expect(await seen('leader')).toEqual([true, true, false, false]);
		for (const caller of ['schoolA1', 'schoolB1', 'volA', 'nobody'])
			expect(await seen(caller), caller).toEqual([false, false, false, false]);
		expect((await (await as('volA')).volunteers.me())?.id).toBe(tree.volunteerA);
		expect(await (await as('coordA')).volunteers.me()).toBeNull();
	});
});
