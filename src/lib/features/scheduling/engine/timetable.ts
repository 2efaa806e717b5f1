// The solver's working timetable: who is where on which day, kept in per-(volunteer, day),
// per-(school, day) and per-(volunteer, week) lists so that checking one candidate against
// constraints 4-6 touches only the few sessions it could clash with.
import type { Model } from './model';

/** A placed session that keeps `session` from taking a candidate, and the constraint (4, 5 or 6). */
export interface Clash {
	readonly session: number;
	readonly constraint: 4 | 5 | 6;
}

export class Timetable {
	/** Chosen candidate per session, -1 when unscheduled. */
	readonly chosen: Int32Array;
	cost = 0;
	private readonly byVolunteerDay = new Map<number, number[]>();
	private readonly bySchoolDay = new Map<number, number[]>();
	private readonly byVolunteerWeek = new Map<number, number[]>();

	constructor(readonly model: Model) {
		this.chosen = new Int32Array(model.candidates.length).fill(-1);
		for (const c of model.unscheduledCost) this.cost += c;
	}

	day(s: number): number {
		return this.model.candidates[s].day[this.chosen[s]];
	}

	start(s: number): number {
		return this.model.candidates[s].minute[this.chosen[s]];
	}

	/** Sessions of volunteer `v` on day index `d` (read-only view). */
	volunteerDay(v: number, d: number): readonly number[] {
		return this.byVolunteerDay.get(v * this.model.days + d) ?? [];
	}

	schoolDay(school: number, d: number): readonly number[] {
		return this.bySchoolDay.get(school * this.model.days + d) ?? [];
	}

	volunteerWeek(v: number, week: number): readonly number[] {
		return this.byVolunteerWeek.get(v * this.model.weeks + week) ?? [];
	}

	place(s: number, c: number): void {
		const m = this.model;
		const d = m.candidates[s].day[c];
		this.chosen[s] = c;
		this.cost += m.candidates[s].cost[c] - m.unscheduledCost[s];
		for (const v of m.volunteersOf[s]) {
			push(this.byVolunteerDay, v * m.days + d, s);
			push(this.byVolunteerWeek, v * m.weeks + m.weekOfDay[d], s);
		}
		push(this.bySchoolDay, m.schoolOf[s] * m.days + d, s);
	}

	remove(s: number): void {
		const m = this.model;
		const c = this.chosen[s];
		const d = m.candidates[s].day[c];
		for (const v of m.volunteersOf[s]) {
			pull(this.byVolunteerDay, v * m.days + d, s);
			pull(this.byVolunteerWeek, v * m.weeks + m.weekOfDay[d], s);
		}
		pull(this.bySchoolDay, m.schoolOf[s] * m.days + d, s);
		this.cost += m.unscheduledCost[s] - m.candidates[s].cost[c];
		this.chosen[s] = -1;
	}

	/** Whether `s` may take candidate `c` beside everything placed (constraints 4-6). */
	fits(s: number, c: number): boolean {
		return this.clashes(s, c, true).length === 0;
	}

	/**
	 * The placed sessions that keep `s` from candidate `c`. For a full week only the most
	 * movable session of that week is named (removing one is enough); for full rooms, every
	 * session running at the busiest moment. With `firstOnly`, stops at the first clash.
	 */
	clashes(s: number, c: number, firstOnly = false): Clash[] {
		const m = this.model;
		const cand = m.candidates[s];
		const d = cand.day[c];
		const from = cand.minute[c];
		const to = from + m.minutes[s];
		const found: Clash[] = [];
		for (const v of m.volunteersOf[s]) {
			const week = this.volunteerWeek(v, m.weekOfDay[d]);
			if (week.length >= m.maxPerWeek[v]) {
				found.push({ session: this.mostMovable(week), constraint: 6 });
				if (firstOnly) return found;
			}
			for (const t of this.volunteerDay(v, d)) {
				const tFrom = this.start(t);
				const tTo = tFrom + m.minutes[t];
				let clash = tFrom < to && from < tTo;
				if (!clash && m.offline[s] && m.offline[t])
					clash =
						tFrom >= to ? tFrom - to < m.travel[m.districtOf[s]][m.districtOf[t]] : from - tTo < m.travel[m.districtOf[t]][m.districtOf[s]];
				if (clash) {
					found.push({ session: t, constraint: 4 });
					if (firstOnly) return found;
				}
			}
		}
		const school = m.schoolOf[s];
		const running: number[] = [];
		for (const t of this.schoolDay(school, d)) if (this.start(t) < to && from < this.start(t) + m.minutes[t]) running.push(t);
		if (running.length >= m.rooms[school]) {
			// The busiest moment inside [from, to) is `from` or a later start of a running session.
			const points = [from];
			for (const t of running) if (this.start(t) > from) points.push(this.start(t));
			for (const point of points) {
				let busy = 0;
				for (const t of running) if (this.start(t) <= point && point < this.start(t) + m.minutes[t]) busy++;
				if (busy < m.rooms[school]) continue;
				for (const t of running)
					if (this.start(t) <= point && point < this.start(t) + m.minutes[t] && !found.some((f) => f.session === t))
						found.push({ session: t, constraint: 5 });
				if (firstOnly) return found;
			}
		}
		return found;
	}

	/** The unlocked session with the most candidates (locked ones last). */
	private mostMovable(sessions: readonly number[]): number {
		const m = this.model;
		const score = (t: number) => (m.units[m.unitOf[t]].locked ? -1 : m.candidates[t].day.length);
		return sessions.reduce((best, t) => (score(t) > score(best) ? t : best));
	}
}

function push(map: Map<number, number[]>, key: number, s: number): void {
	const list = map.get(key);
	if (list) list.push(s);
	else map.set(key, [s]);
}

function pull(map: Map<number, number[]>, key: number, s: number): void {
	const list = map.get(key)!;
	list.splice(list.indexOf(s), 1);
}
