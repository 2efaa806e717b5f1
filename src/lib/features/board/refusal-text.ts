// What the board says when the server closes its socket for good (codes 4400–4499, see
// server/board/admission.ts): the known reasons in the reader's language, others verbatim.
import { m } from '$lib/paraglide/messages';

export function refusalText(code: number, reason: string): string {
	switch (code) {
		case 4401:
			return m.board_refused_unauthenticated();
		case 4403:
			return m.board_refused_forbidden();
		case 4409:
			return m.board_refused_rolled_back();
		case 4410:
			return m.board_refused_stale_generation();
		case 4413:
			return m.board_refused_update_too_large();
		case 4414:
			return m.board_refused_board_full();
		default:
			return m.board_refused({ reason: reason || String(code) });
	}
}
