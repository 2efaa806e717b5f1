import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, type Tree } from '$tests/helpers/fixtures';
import { createTestDb, type TestDb, providers } from '$tests/helpers/test-db';
import { callers, failure } from '$tests/helpers/callers';
import { hoursCount, monthsOf, periodRange } from './domain';
import { dayAt } from '$lib/domain/dates';
import { startNotificationWorker } from '$lib/features/notifications/worker';
import { remindRecordsDue } from './reminders';

const PERIOD = { from: '2026-09-01', to: '2027-01-31' };

describe.each(providers)('records and reports on %s', (provider) => {
	let t: TestDb;
	let tree: Tree;
	const { as } = callers(() => t);
	let n = 0;

	/** A dated, accepted session at `school` with the fixture volunteer seated. */
	async function session(opts: {
		orgId: string;
		startsAt: string;
		kind?: 'lecture' | 'mentoring' | 'parent_school';
		topic?: string;
		rural?: boolean;
		leftBehind?: boolean;
		audience?: number;
	}) {
		const demand = await t.db.demand.create({
			data: {
				orgId: opts.orgId,
				kind: opts.kind ?? 'lecture',
				title: `活动${++n}`,
				topic: opts.topic ?? 'legal',
				audienceSize: opts.audience ?? 45,
				sessionMinutes: 90,
				windowFrom: new Date('2026-09-01'),
				windowTo: new Date('2027-01-31'),
				status: 'scheduled',
				rural: opts.rural ?? false,
				leftBehind: opts.leftBehind ?? false
			}
		});
		const startsAt = new Date(opts.startsAt);
		return t.db.scheduledSession.create({
			data: {
				roundId: tree.roundId,
				demandId: demand.id,
				orgId: opts.orgId,
				startsAt,
				endsAt: new Date(startsAt.getTime() + 90 * 60_000),
				status: 'accepted',
				volunteers: { create: { volunteerId: tree.volunteerA } }
			}
		});
	}
	const oneTap = async (sessionId: string, user = 'volA') => {
		const api = await as(user);
		const form = await api.records.form({ sessionId });
		await api.records.record({ sessionId, outcome: 'held', ...form.planned, note: '' });
		return form;
	};

	beforeAll(async () => {
		t = await createTestDb(provider);
		tree = await buildTree(t.db);
		await t.db.membership.create({
			data: {
				userId: (await t.db.user.create({ data: { username: 'leaderA', displayName: 'leaderA', passwordHash: 'x' } })).id,
				orgId: tree.districtA,
				role: 'leader'
			}
		});
	}, 60_000);
	afterAll(() => t.cleanup());

	it('one tap records the plan: 90 minutes and 45 pupils, and asks the school to confirm', async () => {
		const s = await session({ orgId: tree.schoolA1, startsAt: '2026-10-12T01:00:00Z' });
		const form = await oneTap(s.id);
		expect(form.planned).toEqual({ minutes: 90, pupils: 45, parents: 0, teachers: 0 });
		const after = await (await as('volA')).records.form({ sessionId: s.id });
		expect(after.record).toMatchObject({ outcome: 'held', minutes: 90, pupils: 45, approval: 'pending', locked: false });
		expect((await t.db.scheduledSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe('held');
		const notes = await t.db.notification.findMany({ where: { userId: tree.users.schoolA1, kind: 'record.confirm_due' } });
		expect(notes.map((x) => JSON.parse(x.payload).href)).toEqual([`/sessions/${s.id}/record`]);
	});

	it('the school confirms and evaluates; the record is then locked and only a coordinator corrects it, with a reason, audited', async () => {
		const s = await session({ orgId: tree.schoolA1, startsAt: '2026-10-20T01:00:00Z' });
		await oneTap(s.id);
		await (await as('schoolA1')).records.confirm({ sessionId: s.id, content: 5, delivery: 4, engagement: 3, comment: '很好' });
		const form = await (await as('schoolA1')).records.form({ sessionId: s.id });
		expect(form.record).toMatchObject({ approval: 'confirmed', locked: true });
		expect(form.hoursCount).toBe(true);
		expect(form.evaluation?.score).toBeCloseTo(4);
		const locked = await failure(
			(await as('volA')).records.record({ sessionId: s.id, outcome: 'held', minutes: 10, pupils: 1, parents: 0, teachers: 0, note: '' })
		);
		expect(locked.message).toMatch(/locked/);
		const noReason = await failure((await as('coordA')).records.correct({ sessionId: s.id, reason: '', minutes: 60 }));
		expect(noReason.code).toBe('BAD_REQUEST');
		await (await as('coordA')).records.correct({ sessionId: s.id, reason: '实际只讲了一小时', minutes: 60 });
		const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: s.id, action: 'correct' } });
		expect(JSON.parse(audit.after!)).toEqual({ minutes: 60, reason: '实际只讲了一小时' });
		expect(JSON.parse(audit.before!).minutes).toBe(90);
	});

	it('not held needs a reason and counts no hours; a substitute counts for nobody on the list', async () => {
		const s = await session({ orgId: tree.schoolA2, startsAt: '2026-11-03T01:00:00Z' });
		const api = await as('volA');
		const e = await failure(
			api.records.record({ sessionId: s.id, outcome: 'not_held', minutes: 0, pupils: 0, parents: 0, teachers: 0, note: '' })
		);
		expect(JSON.stringify(e.cause)).toContain('notHeldReason');
		await api.records.record({
			sessionId: s.id,
			outcome: 'not_held',
			notHeldReason: '学校停课',
			minutes: 90,
			pupils: 40,
			parents: 0,
			teachers: 0,
			note: ''
		});
		const r = await t.db.sessionRecord.findUniqueOrThrow({ where: { sessionId: s.id } });
		expect([r.minutes, r.pupils, hoursCount(r, new Date('2030-01-01'))]).toEqual([0, 0, false]);
	});

	it('pending hours count only after the organisation’s N days without objection', async () => {
		await (await as('coordA')).records.saveSettings({ orgId: tree.districtA, autoApproveDays: 3, minSessions: 1, minAverageScore: 3 });
		const s = await session({ orgId: tree.schoolA2, startsAt: '2026-11-10T01:00:00Z' });
		await oneTap(s.id);
		const r = await t.db.sessionRecord.findUniqueOrThrow({ where: { sessionId: s.id } });
		expect(r.autoApproveAt.getTime() - r.recordedAt.getTime()).toBe(3 * 86_400_000);
		expect(hoursCount(r, r.recordedAt)).toBe(false);
		expect(hoursCount(r, r.autoApproveAt)).toBe(true);
		await (await as('schoolA1')).records.form({ sessionId: s.id }).catch(() => null);
		// schoolA1 does not reach schoolA2: objecting is refused as if the session did not exist.
		expect((await failure((await as('schoolA1')).records.object({ sessionId: s.id, objection: '没来' }))).code).toBe('NOT_FOUND');
	});

	it('every report figure equals a recomputation from the raw records', async () => {
		for (const [i, orgId] of [tree.schoolA1, tree.schoolA2, tree.schoolB1, tree.schoolB1].entries()) {
			const s = await session({
				orgId,
				startsAt: `2026-12-0${i + 1}T02:00:00Z`,
				kind: i % 2 ? 'parent_school' : 'lecture',
				topic: i % 2 ? 'family' : 'reading',
				rural: i === 2,
				leftBehind: i > 1,
				audience: 30 + i
			});
			await oneTap(s.id, orgId === tree.schoolB1 ? 'schoolB1' : 'volA');
			if (i === 0) await (await as('schoolA1')).records.confirm({ sessionId: s.id, content: 4, delivery: 5, engagement: 3, comment: '' });
			if (orgId === tree.schoolB1 && i === 3)
				await (await as('schoolB1')).records.correct({ sessionId: s.id, reason: 'x', pupils: 1 }).catch(() => null);
		}
		const report = await (await as('leader')).reports.summary(PERIOD);
		const now = new Date();
		const range = periodRange(PERIOD);
		const raw = (await t.db.sessionRecord.findMany({ include: { evaluation: true } })).filter(
			(r) => hoursCount(r, now) && r.heldAt >= range.gte && r.heldAt < range.lt
		);
		const reached = (rs: typeof raw) => rs.reduce((a, r) => a + r.pupils + r.parents + r.teachers, 0);
		const figures = (rs: typeof raw) => {
			const mins = rs.reduce((a, r) => a + r.minutes, 0);
			const sc = rs.filter((r) => r.evaluation);
			return {
				sessions: rs.length,
				minutes: mins,
				hours: Math.round((mins / 60) * 10) / 10,
				reached: reached(rs),
				volunteers: new Set(rs.map((r) => r.volunteerId).filter(Boolean)).size,
				schools: new Set(rs.map((r) => r.schoolId)).size,
				rural: rs.filter((r) => r.rural).length,
				leftBehind: rs.filter((r) => r.leftBehind).length,
				averageScore: sc.length
					? Math.round((sc.reduce((a, r) => a + Math.round(r.evaluation!.score * 3), 0) * 100) / (3 * sc.length)) / 100
					: null,
				evaluated: sc.length
			};
		};
		expect(report.totals).toEqual(figures(raw));
		expect(report.totals.evaluated).toBeGreaterThan(0);
		const column = { district: 'districtId', school: 'schoolId', kind: 'kind', topic: 'topic', category: 'volunteerCategory' } as const;
		for (const [dimension, rows] of Object.entries(report.breakdowns)) {
			const col = column[dimension as keyof typeof column];
			const keys = [...new Set(raw.map((r) => r[col]))];
			expect(rows.map((row) => row.key).sort()).toEqual(keys.sort());
			for (const row of rows) expect(row).toEqual({ key: row.key, ...figures(raw.filter((r) => r[col] === row.key)) });
		}
		expect(report.months.reduce((a, mo) => a + mo.sessions, 0)).toBe(raw.length);
		for (const mo of report.months) {
			const f = figures(raw.filter((r) => dayAt(r.heldAt).startsWith(mo.month)));
			expect(mo).toEqual({ month: mo.month, sessions: f.sessions, hours: f.hours, reached: f.reached });
		}
		const drilled = await (await as('leader')).reports.records({ ...PERIOD, dimension: 'school', key: tree.schoolB1 });
		expect(drilled.length).toBe(raw.filter((r) => r.schoolId === tree.schoolB1).length);
		expect(JSON.stringify(drilled)).not.toMatch(/realName|pupil/i);
	});

	it('a district leader sees only their subtree; schools and volunteers see no reports', async () => {
		const district = await (await as('leaderA')).reports.summary(PERIOD);
		expect(district.breakdowns.school.map((r) => r.key)).not.toContain(tree.schoolB1);
		expect((await failure((await as('leaderA')).reports.summary({ ...PERIOD, scopeOrgId: tree.districtB }))).code).toBe('FORBIDDEN');
		for (const user of ['schoolA1', 'volA', 'nobody', null]) {
			const api = await as(user);
			// Each call starts only when awaited, so no refusal goes unobserved.
			for (const call of [
				() => api.reports.summary(PERIOD),
				() => api.reports.records(PERIOD),
				() => api.reports.shortlist(PERIOD),
				() => api.reports.export(PERIOD),
				() => api.reports.exportShortlist(PERIOD),
				() => api.reports.scopes()
			]) {
				expect(['FORBIDDEN', 'UNAUTHORIZED']).toContain((await failure(call())).code);
			}
		}
	});

	it('authorization sweep: each record procedure × role on a session of schoolA1', async () => {
		const s = await session({ orgId: tree.schoolA1, startsAt: '2026-12-20T01:00:00Z', kind: 'mentoring' });
		const rec = { outcome: 'held' as const, minutes: 90, pupils: 1, parents: 0, teachers: 0, note: '' };
		type Api = Awaited<ReturnType<typeof as>>;
		const cases: Record<string, { allowed: string[]; call: (api: Api) => Promise<unknown> }> = {
			form: { allowed: ['admin', 'cityCoord', 'coordA', 'schoolA1', 'volA'], call: (a) => a.records.form({ sessionId: s.id }) },
			record: { allowed: ['admin', 'cityCoord', 'coordA', 'schoolA1', 'volA'], call: (a) => a.records.record({ sessionId: s.id, ...rec }) },
			progressNote: { allowed: ['volA'], call: (a) => a.records.progressNote({ sessionId: s.id, text: '进步明显' }) },
			observe: { allowed: ['admin', 'cityCoord', 'coordA'], call: (a) => a.records.observe({ sessionId: s.id, rating: 4 }) },
			object: { allowed: ['admin', 'schoolA1'], call: (a) => a.records.object({ sessionId: s.id, objection: '人数不对' }) },
			confirm: {
				allowed: ['admin', 'schoolA1'],
				call: (a) => a.records.confirm({ sessionId: s.id, content: 4, delivery: 4, engagement: 4, comment: '' })
			},
			correct: {
				allowed: ['admin', 'cityCoord', 'coordA'],
				call: (a) => a.records.correct({ sessionId: s.id, reason: '核实', pupils: 2 })
			},
			saveSettings: {
				allowed: ['admin', 'cityCoord', 'coordA'],
				call: (a) => a.records.saveSettings({ orgId: tree.schoolA1, autoApproveDays: 3, minSessions: 1, minAverageScore: 3 })
			},
			settings: { allowed: ['admin', 'cityCoord', 'coordA', 'leader'], call: (a) => a.records.settings({ orgId: tree.schoolA1 }) }
		};
		// Every report procedure over districtA: those who may view reports there, nobody else.
		const viewers = ['admin', 'cityCoord', 'coordA', 'leader'];
		const scoped = { ...PERIOD, scopeOrgId: tree.districtA };
		Object.assign(cases, {
			'reports.summary': { allowed: viewers, call: (a: Api) => a.reports.summary(scoped) },
			'reports.records': { allowed: viewers, call: (a: Api) => a.reports.records(scoped) },
			'reports.shortlist': { allowed: viewers, call: (a: Api) => a.reports.shortlist(scoped) },
			'reports.export': { allowed: viewers, call: (a: Api) => a.reports.export(scoped) },
			'reports.exportShortlist': { allowed: viewers, call: (a: Api) => a.reports.exportShortlist(scoped) },
			// The scopes a caller may choose: anyone who views reports anywhere, each their own subtree.
			'reports.scopes': { allowed: [...viewers, 'coordB'], call: (a: Api) => a.reports.scopes() }
		});
		const outcomes: string[] = [];
		const expected: string[] = [];
		for (const [name, c] of Object.entries(cases)) {
			for (const user of ['admin', 'cityCoord', 'coordA', 'coordB', 'leader', 'schoolA1', 'schoolB1', 'volA', 'nobody', 'anonymous']) {
				expected.push(`${name} ${user} ${c.allowed.includes(user) ? 'ok' : 'refused'}`);
				// Reopen the record between callers so each one meets the same state.
				await t.db.evaluation.deleteMany({ where: { sessionId: s.id } });
				await t.db.sessionRecord.updateMany({ where: { sessionId: s.id }, data: { locked: false, approval: 'pending' } });
				const result = await c.call(await as(user === 'anonymous' ? null : user)).then(
					() => 'ok',
					(e) => (['NOT_FOUND', 'FORBIDDEN', 'UNAUTHORIZED'].includes(e.code) ? 'refused' : `failed ${e.code} ${e.message}`)
				);
				outcomes.push(`${name} ${user} ${result}`);
			}
		}
		expect(outcomes).toEqual(expected);
		expect((await (await as('coordB')).reports.scopes()).map((o) => o.id)).toEqual([tree.districtB, tree.schoolB1]);
		// The progress note reaches the mentor, the school and coordinators, nobody else.
		expect((await (await as('schoolA1')).records.form({ sessionId: s.id })).progressNote).toBe('进步明显');
		expect((await failure((await as('leader')).records.form({ sessionId: s.id }))).code).toBe('NOT_FOUND');
	});

	it('the notification worker reminds volunteers to record and the school to confirm, once per session and person', async () => {
		const s = await session({ orgId: tree.schoolA1, startsAt: new Date(Date.now() - 3 * 3_600_000).toISOString() });
		const older = await session({ orgId: tree.schoolA1, startsAt: new Date(Date.now() - 30 * 86_400_000).toISOString() });
		const pass = () => startNotificationWorker({ db: t.db, channels: [], origin: 'http://localhost', intervalMs: 3_600_000 }).close();
		const hrefs = async (userId: string, kind: string) =>
			(await t.db.notification.findMany({ where: { userId, kind } })).map((d) => JSON.parse(d.payload).href as string);
		await pass();
		await pass();
		expect((await hrefs(tree.users.volA, 'record.due')).filter((h) => h.includes(s.id))).toEqual([`/me/sessions/${s.id}/record`]);
		// A session ended a month ago is past reminding.
		expect((await hrefs(tree.users.volA, 'record.due')).filter((h) => h.includes(older.id))).toEqual([]);
		// Recorded by the volunteer: the school is asked once, and the worker does not ask again.
		await oneTap(s.id);
		await pass();
		expect((await hrefs(tree.users.schoolA1, 'record.confirm_due')).filter((h) => h.includes(s.id))).toEqual([`/sessions/${s.id}/record`]);
		expect(await remindRecordsDue(t.db)).toBe(0);
		// A pending record the school was never told about (recorded before it had a user) is caught up once.
		const quiet = await session({ orgId: tree.schoolA1, startsAt: new Date(Date.now() - 5 * 3_600_000).toISOString() });
		await oneTap(quiet.id);
		await t.db.notification.deleteMany({ where: { kind: 'record.confirm_due', payload: { contains: quiet.id } } });
		await pass();
		await pass();
		expect((await hrefs(tree.users.schoolA1, 'record.confirm_due')).filter((h) => h.includes(quiet.id))).toHaveLength(1);
	});

	it('no pupil’s data (name, contact, pseudonym, progress notes) reaches a report, drill-down or export', async () => {
		const { default: ExcelJS } = await import('exceljs');
		const s = await session({ orgId: tree.schoolA1, startsAt: '2026-12-05T02:00:00Z', kind: 'mentoring' });
		await t.db.mentoredPupil.create({
			data: { demandId: s.demandId, pseudonym: '小树苗', grade: '五年级', realName: '王小明', contact: '13812345678', needs: '数学跟不上' }
		});
		await oneTap(s.id);
		await (await as('volA')).records.progressNote({ sessionId: s.id, text: '王小明的分数进步明显' });
		await (await as('schoolA1')).records.confirm({ sessionId: s.id, content: 5, delivery: 5, engagement: 5, comment: '' });
		const api = await as('leader');
		const cellsOf = async (file: { content: string }) => {
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
			const cells: unknown[] = [];
			wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(c.value))));
			return cells;
		};
		const outputs = [
			await api.reports.summary(PERIOD),
			await api.reports.records({ ...PERIOD, take: 500 }),
			await api.reports.shortlist(PERIOD),
			await cellsOf(await api.reports.export(PERIOD)),
			await cellsOf(await api.reports.exportShortlist(PERIOD))
		];
		const drilled = outputs[1] as { sessionId: string }[];
		expect(drilled.map((r) => r.sessionId)).toContain(s.id);
		for (const out of outputs)
			expect(JSON.stringify(out)).not.toMatch(/王小明|13812345678|小树苗|数学跟不上|进步明显|realName|contact|pseudonym/);
	});

	it('the .xlsx holds exactly the page’s figures and a records sheet without pupils', async () => {
		const { default: ExcelJS } = await import('exceljs');
		const api = await as('leader');
		const [report, file] = await Promise.all([api.reports.summary(PERIOD), api.reports.export(PERIOD)]);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
		const figures = wb.worksheets[0];
		expect(figures.getRow(2).getCell(2).value).toBe(report.totals.sessions);
		expect(figures.getRow(3).getCell(2).value).toBe(report.totals.hours);
		expect(figures.getRow(4).getCell(2).value).toBe(report.totals.reached);
		const records = wb.worksheets.at(-1)!;
		expect(records.rowCount - 1).toBe(report.totals.sessions);
	});
});

describe('report periods', () => {
	it('months split a semester at Shanghai midnights', () => {
		const months = monthsOf({ from: '2026-09-01', to: '2027-01-31' });
		expect(months.map((x) => x.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
		expect(months[0].gte.toISOString()).toBe('2026-08-31T16:00:00.000Z');
		expect(months.at(-1)!.lt.toISOString()).toBe('2027-01-31T16:00:00.000Z');
	});
});
