import { z } from 'zod';
import { idField } from '$lib/validation/fields';

export const roundInput = z.object({ roundId: idField() });

/** Roll back to just before the stored update `fromSeq`. */
export const rollBackInput = roundInput.extend({
	fromSeq: z
		.number()
		.int()
		.min(1)
		.max(2 ** 31 - 1)
});

export const publishInput = roundInput.extend({ demandIds: z.array(idField()).min(1).max(20_000).optional() });

/** Name of the Yjs document of a round's board; the websocket path is /yjs/<name>. */
export const boardDocName = (roundId: string) => `round-${roundId}`;
export const roundIdFromDocName = (docName: string): string | null =>
	docName.startsWith('round-') ? docName.slice('round-'.length) : null;
