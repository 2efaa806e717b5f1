// A round's open re-plan proposals as the coordinator reads them: what started each, every
// affected session as a difference (moved old → new, unchanged, newly undated with why),
// who is affected, and whether the timetable has changed under the proposal since.
import type { Db } from '$lib/server/db';
import { m } from '$lib/paraglide/messages';
import { describeExplanation, type ExplanationLocale } from './engine';
import { declineReasonText } from './reasons';
import { kindOf, parseChanges, type ChangeKind, type ReplanTrigger } from './replan-changes';

export interface ReplanRow {
	sessionId: string;
	title: string;
	schoolName: string;
	seriesIndex: number;
	sessionCount: number;
	kind: ChangeKind;
	from: string | null;
	fromEnd: string | null;
	to: string | null;
	toEnd: string | null;
	volunteers: string[];
	reasonText: string | null;
}

export interface ReplanView {
	id: string;
	trigger: ReplanTrigger;
	triggerText: string;
	createdAt: Date;
	/** A session changed since the proposal was made: applying it will be refused. */
	outdated: boolean;
	rows: ReplanRow[];
	/** Volunteers and schools whose sessions move, lose their date or gain a volunteer. */
	affected: string[];
}

function triggerText(trigger: ReplanTrigger, info: Record<string, string>, locale: ExplanationLocale): string {
	const o = { locale };
	switch (trigger) {
		case 'decline':
			return m.sched_replan_trigger_decline(
				{ name: info.volunteerName ?? '', substitute: info.substituteName ?? '', reason: declineReasonText(info.reason ?? '', locale) },
				o
			);
		case 'leave':
			return m.sched_replan_trigger_leave({ name: info.volunteerName ?? '', from: info.from ?? '', to: info.to ?? '' }, o);
		case 'blackout':
			return m.sched_replan_trigger_blackout(
				{ school: info.schoolName ?? '', label: info.label ?? '', from: info.from ?? '', to: info.to ?? '' },
				o
			);
		case 'cancel':
			return m.sched_replan_trigger_cancel({ title: info.demandTitle ?? '', school: info.schoolName ?? '' }, o);
		case 'date_request':
			return m.sched_replan_trigger_date_request(
				{ school: info.schoolName ?? '', title: info.demandTitle ?? '', note: info.note ?? '' },
				o
			);
	}
}

export async function replansOf(db: Db, roundId: string, locale: ExplanationLocale): Promise<ReplanView[]> {
	const replans = await db.replan.findMany({ where: { roundId, status: 'proposed' }, orderBy: { createdAt: 'asc' } });
	const parsed = replans.map((r) => ({ r, changes: parseChanges(r.changes) }));
	const ids = [...new Set(parsed.flatMap((p) => p.changes.sessions.map((c) => c.sessionId)))];
	const sessions = await db.scheduledSession.findMany({
		where: { id: { in: ids } },
		select: {
			id: true,
			sequence: true,
			seriesIndex: true,
			demandId: true,
			demand: { select: { title: true, sessionCount: true, org: { select: { id: true, name: true } } } },
			volunteers: { select: { volunteerId: true, volunteer: { select: { name: true } } } }
		}
	});
	const byId = new Map(sessions.map((s) => [s.id, s]));
	const substituteIds = parsed.flatMap((p) => (p.changes.substitute ? [p.changes.substitute.volunteerId] : []));
	const substitutes = new Map(
		(await db.volunteerProfile.findMany({ where: { id: { in: substituteIds } }, select: { id: true, name: true } })).map((v) => [
			v.id,
			v.name
		])
	);
	const names = new Map<string, string>(substitutes);
	for (const s of sessions) {
		names.set(s.demand.org.id, s.demand.org.name);
		names.set(`${s.demand.org.id}~holiday`, s.demand.org.name);
		for (const v of s.volunteers) names.set(v.volunteerId, v.volunteer.name);
	}

	return parsed.map(({ r, changes }) => {
		const affected = new Set<string>();
		const rows = changes.sessions.flatMap((c): ReplanRow[] => {
			const s = byId.get(c.sessionId);
			if (!s) return [];
			const kind = kindOf(c);
			const volunteers = s.volunteers.map((v) => v.volunteer.name);
			const gains = changes.substitute?.demandId === s.demandId ? substitutes.get(changes.substitute.volunteerId) : undefined;
			if (gains && !volunteers.includes(gains)) volunteers.push(gains);
			if (kind === 'moved' || kind === 'unscheduled' || kind === 'dated' || gains) {
				for (const v of volunteers) affected.add(v);
				affected.add(s.demand.org.name);
			}
			return [
				{
					sessionId: s.id,
					title: s.demand.title,
					schoolName: s.demand.org.name,
					seriesIndex: s.seriesIndex,
					sessionCount: s.demand.sessionCount,
					kind,
					from: c.from?.startsAt ?? null,
					fromEnd: c.from?.endsAt ?? null,
					to: c.to?.startsAt ?? null,
					toEnd: c.to?.endsAt ?? null,
					volunteers,
					reasonText: c.to || !c.explanation ? null : describeExplanation(c.explanation, names, locale)
				}
			];
		});
		const current = new Map(sessions.map((s) => [s.id, s.sequence]));
		return {
			id: r.id,
			trigger: r.trigger as ReplanTrigger,
			triggerText: triggerText(r.trigger as ReplanTrigger, JSON.parse(r.triggerInfo) as Record<string, string>, locale),
			createdAt: r.createdAt,
			outdated: changes.sessions.some((c) => current.get(c.sessionId) !== c.sequence),
			rows,
			affected: [...affected]
		};
	});
}
