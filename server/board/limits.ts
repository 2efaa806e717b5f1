// Size limits that keep one editor from spoiling a board for everyone. Measured: auto-matching
// a 3 000-need round with three seats each (9 000 placements) is one update of about 2.0 MB,
// and the document is 2.2 MB after auto-matching it three times over.

/** One update, about four times the largest auto-match. */
export const MAX_UPDATE_BYTES = 8 * 1024 * 1024;

/**
 * A board document. Below the 16 MB of unsent data after which the server drops a slow
 * client (room.ts), so every client can still download the whole board.
 */
export const MAX_DOC_BYTES = 12 * 1024 * 1024;
