// One coordinator's live session on a board: the Yjs document with its websocket provider
// and IndexedDB copy, undo, the incremental matcher, presence and the notices they raise.
// BoardView lays this out and turns pointer and keyboard events into its methods.
import { untrack } from 'svelte';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { m } from '$lib/paraglide/messages';
import { api, errorMessageOf } from '$lib/trpc/client';
import { BoardMatcher, proposeFor, type BoardSource } from './board-matcher';
import { pinProblemText } from './conflict-text';
import { GENERATION_PARAM } from './generation';
import { refusalText } from './refusal-text';
import {
	addComment,
	applyAutoMatch,
	commentCounts,
	commentsOf,
	createUndoManager,
	forbidPair,
	forbiddenByDemand,
	allowPair,
	forbiddenOf,
	loadByVolunteer,
	markPublished,
	overflowPlacements,
	placeVolunteer,
	placementKey,
	placementsByDemand,
	placementsOf,
	publishedKeys,
	unplaceVolunteer,
	type Comment
} from './doc';
import { colorFor, peersOf, type PeerPresence } from './presence';
import { computeConflicts, conflictsByDemand, type Conflict, type RuleContext, type RuleVolunteer } from './rules';
import type { BoardData } from './types';
import { byId } from './view-model';

export interface Viewer {
	id: string;
	name: string;
}

export interface Notice {
	id: number;
	text: string;
	kind: 'info' | 'error';
}

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

const NOTICE_MS = 8000;
/** Long enough to read why the board reloads. */
const RELOAD_AFTER_ROLLBACK_MS = 4000;

export class BoardSession {
	readonly doc = new Y.Doc();
	/** The Yjs document is not reactive; `version` ticks on every update to re-derive from it. */
	version = $state(0);
	status = $state<ConnectionStatus>('connecting');
	/** Why the server refused this board (not signed in, no right on the round, an edit too large), once it did. */
	refusal = $state<string | null>(null);
	peers = $state<PeerPresence[]>([]);
	notices = $state<Notice[]>([]);
	canUndo = $state(false);
	canRedo = $state(false);
	publishing = $state(false);
	publishFailures = $state<Conflict[]>([]);

	readonly #board: () => BoardData;
	readonly #viewer: () => Viewer;
	#provider: WebsocketProvider | null = null;
	#undo: Y.UndoManager | null = null;
	// Built on first use (suggestions or auto-match), then kept in step with every edit.
	#matcher: BoardMatcher | null = null;
	#matcherVersion = $state(0);
	#noticeSeq = 0;

	readonly editable = $derived.by(() => this.board.access === 'edit');
	readonly actor = $derived.by(() => ({ id: this.viewer.id, name: this.viewer.name }));
	readonly demandsById = $derived(byId(this.board.demands));
	readonly volunteersById = $derived(byId(this.board.volunteers));
	readonly placements = $derived.by(() => {
		void this.version;
		return placementsByDemand(this.doc);
	});
	readonly loads = $derived.by(() => {
		void this.version;
		return loadByVolunteer(this.doc);
	});
	readonly comments = $derived.by(() => {
		void this.version;
		return commentCounts(this.doc);
	});
	readonly forbidden = $derived.by(() => {
		void this.version;
		return forbiddenByDemand(this.doc);
	});
	readonly published = $derived.by(() => {
		void this.version;
		return publishedKeys(this.doc);
	});
	readonly #travel = $derived.by(() => Object.fromEntries(this.board.districts.map((d) => [d.id, d.travel])));
	readonly #ruleContext: RuleContext = $derived.by(() => ({
		round: this.board.round,
		demands: this.demandsById,
		volunteers: this.volunteersById as ReadonlyMap<string, RuleVolunteer>,
		travel: this.#travel
	}));
	readonly #matchSource: BoardSource = $derived.by(() => ({
		round: this.board.round,
		demands: this.board.demands,
		volunteers: this.board.volunteers,
		travel: this.#travel
	}));
	readonly conflicts = $derived.by(() => conflictsByDemand(computeConflicts(this.#ruleContext, [...this.placements.values()].flat())));

	/** Must be constructed while a component initialises: it keeps the matcher in step with an effect. */
	constructor(board: () => BoardData, viewer: () => Viewer) {
		this.#board = board;
		this.#viewer = viewer;
		$effect(() => {
			void this.version;
			if (!this.#matcher) return;
			this.#matcher.sync(placementsOf(this.doc).values(), forbiddenOf(this.doc).keys());
			untrack(() => this.#matcherVersion++);
		});
	}

	get board(): BoardData {
		return this.#board();
	}

	get viewer(): Viewer {
		return this.#viewer();
	}

	readonly nameOf = (volunteerId: string) => this.volunteersById.get(volunteerId)?.name ?? volunteerId;
	readonly titleOf = (demandId: string) => this.demandsById.get(demandId)?.title ?? demandId;

	/** Connects to the server and the browser's local copy; the returned function ends the session. */
	connect(): () => void {
		const { doc, viewer, board } = this;
		// The local copy belongs to one generation (generation.ts): copies from before a rollback
		// hold undone edits, so they are deleted rather than loaded.
		const localName = (generation: number) => `silverbridge:${board.docName}:${viewer.id}${generation ? `:g${generation}` : ''}`;
		for (let older = 0; older < board.generation; older++) indexedDB.deleteDatabase(localName(older));
		const local = new IndexeddbPersistence(localName(board.generation), doc);
		const origin = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
		const p = new WebsocketProvider(origin, board.docName, doc, { params: { [GENERATION_PARAM]: String(board.generation) } });
		this.#provider = p;
		const undo = createUndoManager(doc, viewer.id);
		this.#undo = undo;
		const syncUndoState = () => {
			this.canUndo = undo.undoStack.length > 0;
			this.canRedo = undo.redoStack.length > 0;
		};
		undo.on('stack-item-added', syncUndoState);
		undo.on('stack-item-popped', syncUndoState);

		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			this.version++;
			if (origin === p && this.editable) this.#yieldLostSeats();
			if (this.publishFailures.length) this.publishFailures = [];
		};
		doc.on('update', onUpdate);

		p.awareness.setLocalState({
			user: { id: viewer.id, name: viewer.name, color: colorFor(viewer.id) },
			focusDemandId: null,
			draggingVolunteerId: null
		});
		p.on('status', ({ status: s }) => {
			this.status = s === 'connected' ? 'online' : this.status === 'connecting' ? 'connecting' : 'offline';
		});
		p.on('connection-close', (event) => {
			// The server explains refusals (not signed in, no right on this round) in the close reason.
			if (event && event.code >= 4400 && event.code < 4500) {
				this.refusal = refusalText(event.code, event.reason);
				p.shouldConnect = false;
				// An edit the server will never take would come back from the local copy on every visit.
				// So would the edits an admin rolled back (4409: while connected; 4410: while this
				// tab was offline, so the server took nothing from it).
				if ([4409, 4410, 4413, 4414].includes(event.code)) void local.clearData();
				// After a rollback only a fresh copy of the board at its new generation is any use.
				if (event.code === 4409 || event.code === 4410) setTimeout(() => location.reload(), RELOAD_AFTER_ROLLBACK_MS);
			}
		});
		p.awareness.on('change', () => (this.peers = peersOf(p.awareness)));
		return () => {
			doc.off('update', onUpdate);
			undo.destroy();
			p.destroy();
			void local.destroy();
			doc.destroy();
		};
	}

	notify(text: string, kind: Notice['kind'] = 'error'): void {
		const id = ++this.#noticeSeq;
		this.notices = [...this.notices, { id, text, kind }];
		setTimeout(() => (this.notices = this.notices.filter((n) => n.id !== id)), NOTICE_MS);
	}

	setPresence(field: 'focusDemandId' | 'draggingVolunteerId', value: string | null): void {
		this.#provider?.awareness.setLocalStateField(field, value);
	}

	undo(): void {
		this.#undo?.undo();
	}

	redo(): void {
		this.#undo?.redo();
	}

	#matcherNow(): BoardMatcher {
		this.#matcher ??= new BoardMatcher(this.#matchSource, placementsOf(this.doc).values(), forbiddenOf(this.doc).keys());
		return this.#matcher;
	}

	/** The best volunteers for a need, re-ranked after every edit. */
	suggestionsFor(demandId: string | null) {
		void this.#matcherVersion;
		return demandId ? this.#matcherNow().topCandidates(demandId, 6) : [];
	}

	commentsOn(demandId: string | null): Comment[] {
		void this.version;
		return demandId ? (commentsOf(this.doc).get(demandId)?.toArray() ?? []) : [];
	}

	/** Auto-matches the whole board, or only the needs given, as one undoable step. */
	autoMatch(demandIds: ReadonlySet<string> | null): void {
		if (!this.editable) return;
		const { doc } = this;
		const before = placementsOf(doc).size;
		const result = demandIds
			? proposeFor(this.#matchSource, [...placementsOf(doc).values()], forbiddenOf(doc).keys(), demandIds)
			: { assignments: this.#matcherNow().proposal().assignments, rejected: this.#matcherNow().rejectedPins };
		this.#undo?.stopCapturing();
		applyAutoMatch(doc, this.actor, result.assignments, demandIds);
		this.#undo?.stopCapturing();
		const matcher = this.#matcherNow();
		matcher.sync(placementsOf(doc).values(), forbiddenOf(doc).keys());
		const objective = matcher.proposal().objective;
		this.notify(m.board_automatch_done({ added: Math.max(0, placementsOf(doc).size - before), objective }), 'info');
		if (result.rejected.length) {
			this.notify(
				m.board_automatch_rejected({
					count: result.rejected.length,
					details: result.rejected.map((p) => pinProblemText(p, this.nameOf, this.titleOf)).join('；')
				})
			);
		}
	}

	/** Places volunteers on a need, as many as it has free seats, as one undoable step; false when none was placed. */
	placeMany(volunteerIds: string[], demandId: string, fromDemandId: string | null): boolean {
		const demand = this.demandsById.get(demandId);
		if (!this.editable || !demand) return false;
		const current = this.placements.get(demandId) ?? [];
		const fresh = volunteerIds.filter((id) => !current.some((p) => p.volunteerId === id));
		const free = demand.seats - current.length + (fromDemandId === demandId ? 1 : 0);
		if (fresh.length > free) this.notify(`${demand.title}：${m.board_full()}`);
		const taking = fresh.slice(0, Math.max(0, free));
		if (!taking.length) return false;
		this.#undo?.stopCapturing();
		this.doc.transact(() => {
			for (const id of taking) placeVolunteer(this.doc, this.actor, id, demandId, fromDemandId);
		}, this.viewer.id);
		return true;
	}

	unplace(volunteerId: string, demandId: string): void {
		this.#undo?.stopCapturing();
		unplaceVolunteer(this.doc, this.actor, volunteerId, demandId);
	}

	comment(demandId: string, text: string): void {
		addComment(this.doc, this.actor, demandId, text);
	}

	forbid(demandId: string, volunteerId: string): void {
		forbidPair(this.doc, this.actor, demandId, volunteerId);
	}

	allow(demandId: string, volunteerId: string): void {
		allowPair(this.doc, this.actor, demandId, volunteerId);
	}

	async publish(): Promise<void> {
		this.publishing = true;
		this.publishFailures = [];
		try {
			const result = await api.board.publish.mutate({ roundId: this.board.round.id });
			if (result.ok) {
				markPublished(this.doc, this.actor, null);
				this.notify(m.board_published({ invited: result.invited, cancelled: result.cancelled, unchanged: result.unchanged }), 'info');
			} else this.publishFailures = result.failures;
		} catch (e) {
			this.notify(errorMessageOf(e));
		} finally {
			this.publishing = false;
		}
	}

	/**
	 * After a remote edit, a placement of mine may have lost a last-seat race: the rule in
	 * overflowPlacements is the same everywhere, so I withdraw mine and say who won.
	 */
	#yieldLostSeats(): void {
		const { doc, viewer } = this;
		const lost: { volunteerId: string; demandId: string; winner: string }[] = [];
		for (const [demandId, list] of placementsByDemand(doc)) {
			const demand = this.demandsById.get(demandId);
			if (!demand) continue;
			const overflow = overflowPlacements(list, demand.seats);
			for (const p of overflow) {
				if (p.byId !== viewer.id) continue;
				const winner = list.find((w) => !overflow.includes(w) && w.byId !== viewer.id);
				if (winner) lost.push({ volunteerId: p.volunteerId, demandId, winner: winner.byName });
			}
		}
		if (!lost.length) return;
		doc.transact(() => {
			for (const l of lost) placementsOf(doc).delete(placementKey(l.demandId, l.volunteerId));
		}, 'seat-contention');
		for (const l of lost)
			this.notify(
				m.board_lost_seat({ volunteer: this.nameOf(l.volunteerId), demand: this.demandsById.get(l.demandId)?.title ?? '', name: l.winner })
			);
	}
}
