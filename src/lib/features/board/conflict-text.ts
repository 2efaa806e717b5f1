// One sentence per conflict, in the reader's language.
import { m } from '$lib/paraglide/messages';
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
