// One sentence per conflict, in the reader's language.
import { m } from '$lib/paraglide/messages';
import type { PinProblem } from '$lib/features/matching/errors';
import type { Conflict, IneligibleReason } from './rules';

const reasonText: Record<IneligibleReason, () => string> = {
	topic: () => m.board_reason_topic(),
	mode: () => m.board_reason_mode(),
	travel: () => m.board_reason_travel(),
	language: () => m.board_reason_language()
};

export function conflictText(c: Conflict): string {
	switch (c.code) {
		case 'over_capacity':
			return m.board_conflict_capacity({ load: c.load, capacity: c.capacity });
		case 'on_leave':
			return m.board_conflict_leave();
		case 'ineligible':
			return m.board_conflict_ineligible({ reasons: c.reasons.map((r) => reasonText[r]()).join('、') });
		case 'overlap':
			return m.board_conflict_overlap();
		case 'overfilled':
			return m.board_conflict_overfilled({ placed: c.placed, seats: c.seats });
	}
}

/** A hand placement auto-match had to leave as it is, in words a coordinator reads. */
export function pinProblemText(p: PinProblem, nameOf: (volunteerId: string) => string, titleOf: (demandId: string) => string): string {
	switch (p.kind) {
		case 'duplicate':
		case 'ineligible': {
			const [d, v] = p.pair;
			const reasons =
				p.kind === 'ineligible' ? p.failures.map((f) => (f.rule === 'forbidden' ? m.board_reason_forbidden() : reasonText[f.rule]())) : [];
			return m.board_pin_ineligible({ volunteer: nameOf(v), demand: titleOf(d), reasons: reasons.join('、') });
		}
		case 'over_seats':
			return m.board_pin_over_seats({ demand: titleOf(p.demandId), seats: p.seats });
		case 'over_capacity':
			return m.board_pin_over_capacity({ volunteer: nameOf(p.volunteerId), capacity: p.capacity });
	}
}
