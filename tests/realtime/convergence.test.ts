// Convergence fuzz: simulated coordinators drag, undo and drop their connections at random
// through the real server; in the end every client holds the same board, and so does a
// fresh client after the server restarts.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, createUndoManager, placeVolunteer, placementsOf, unplaceVolunteer } from '../../src/lib/features/board/doc';
import { connect, connectSynced, startServerProcess, waitFor, useBoard } from './harness';
import { mulberry32 } from '../../src/lib/domain/random';

/** The board as canonical JSON: map keys sorted, since each replica keeps its own insertion order. */
const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const boardState = (doc: Y.Doc) =>
	JSON.stringify({ placements: sorted(placementsOf(doc).toJSON()), comments: sorted(doc.getMap('comments').toJSON()) });

describe('board convergence under random edits, undos and disconnects', () => {
	const board = useBoard();

	it('ends with every client identical, and identical to a fresh load after a restart', async () => {
		const seed = Number(process.env.FUZZ_SEED ?? 20261124);
		const random = mulberry32(seed);
		const editors = ['cityCoord', 'coordA', 'admin'];
		const demands = Array.from({ length: 8 }, (_, i) => `n${i}`);
		const volunteers = Array.from({ length: 10 }, (_, i) => `v${i}`);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

		for (let i = 0; i < 6; i++)
			board.clients.push(await connectSynced(board.server.wsBase, board.f.docName, board.f.cookies[editors[i % editors.length]]));
		const actors = board.clients.map((_, i) => ({ id: `fuzz-${i}`, name: `协调员${i}` }));
		const undo = board.clients.map((c, i) => createUndoManager(c.doc, actors[i].id));

		for (let step = 0; step < 300; step++) {
			const i = Math.floor(random() * board.clients.length);
			const { doc, provider } = board.clients[i];
			const roll = random();
			if (roll < 0.45) placeVolunteer(doc, actors[i], pick(volunteers), pick(demands), random() < 0.3 ? pick(demands) : null);
			else if (roll < 0.6) unplaceVolunteer(doc, actors[i], pick(volunteers), pick(demands));
			else if (roll < 0.72) undo[i].undo();
			else if (roll < 0.78) undo[i].redo();
			else if (roll < 0.82) addComment(doc, actors[i], pick(demands), `第 ${step} 步`);
			else if (roll < 0.91) {
				// Offline for a while: edits keep accumulating locally.
				if (provider.shouldConnect) provider.disconnect();
				else provider.connect();
			}
			undo[i].stopCapturing();
			if (step % 25 === 0) await new Promise((r) => setTimeout(r, 20));
		}

		for (const c of board.clients) if (!c.provider.shouldConnect) c.provider.connect();
		const reference = () => boardState(board.clients[0].doc);
		await waitFor(
			() => board.clients.every((c) => c.provider.synced && boardState(c.doc) === reference()),
			'all clients to converge',
			20_000
		);
		const converged = reference();
		expect(placementsOf(board.clients[0].doc).size).toBeGreaterThan(0);

		// Every edit the others saw was persisted before it was broadcast: a hard kill loses none.
		await board.server.kill();
		for (const c of board.clients) c.provider.disconnect();
		board.server = await startServerProcess(board.f.t.target.url);
		const fresh = connect(board.server.wsBase, board.f.docName, board.f.cookies.coordA);
		board.clients.push(fresh);
		await waitFor(() => fresh.provider.synced, 'a fresh client to load');
		expect(boardState(fresh.doc)).toBe(converged);
	});
});
