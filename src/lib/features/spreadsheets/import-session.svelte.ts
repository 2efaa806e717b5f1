// One person's import on the page: the file they chose, their choices on it (sheet, a column's
// field, fixed cells) and where the import stands. Choosing a file checks it at once; changing
// a choice checks again with the same file. Nothing is saved until the commit, which sends the
// same file and choices again (any app instance can take it) and writes all of it or none of it.
// ImportPage lays this out.
import { TRPCClientError } from '@trpc/client';
import { m } from '$lib/paraglide/messages';
import { fieldErrorsOf } from '$lib/trpc/client';
import type { ImportChoices, ImportCounts, ImportEvent, ImportPhase, ImportPreview, MappingView } from './importer';
import { MAX_FILE_BYTES, MAX_FILE_MB } from './limits';
import type { ImportProblem } from './rows';
import { fileAsBase64, streamingApi } from './stream-client';

export type ImportView =
	| { step: 'idle' }
	| { step: 'working'; phase: ImportPhase; done: number; total: number }
	| { step: 'preview'; preview: ImportPreview }
	| { step: 'saved'; counts: ImportCounts }
	| { step: 'refused'; problems: ImportProblem[]; problemCount: number }
	| { step: 'error'; message: string };

/** The server's own words when it answered; otherwise the connection was lost. */
function failure(e: unknown): string {
	if (e instanceof TRPCClientError && e.data) {
		const named = fieldErrorsOf(e);
		return named.length ? named.map((f) => f.message).join('；') : e.message;
	}
	return m.spreadsheets_error_network();
}

export class ImportSession {
	view = $state<ImportView>({ step: 'idle' });
	/** The committee volunteers are imported into. */
	orgId = $state('');
	/** Whether imported needs are published at once. */
	publish = $state(false);
	chosenName = $state<string | null>(null);
	// The person's choices on this file; they go with every check and the confirmation.
	sheet = $state<string | null>(null);
	columns = $state<ImportChoices['columns']>(null);
	/** New cell values by "row:field". */
	edits = $state<Record<string, string>>({});
	readonly editCount = $derived(Object.keys(this.edits).length);
	readonly busy = $derived(this.view.step === 'working');
	private chosen: { fileName: string; content: string } | null = null;

	constructor(
		private readonly list: 'volunteers' | 'demands',
		orgId: string
	) {
		this.orgId = orgId;
	}

	private choices(): ImportChoices {
		return {
			sheet: this.sheet,
			columns: this.columns,
			fixes: Object.entries(this.edits).map(([key, value]) => {
				const [row, field] = key.split(':');
				return { row: Number(row), field, value };
			})
		};
	}

	private send(
		kind: 'preview' | 'commit',
		file: { fileName: string; content: string },
		fingerprint = ''
	): Promise<AsyncIterable<ImportEvent>> {
		const c = this.choices();
		const { orgId, publish } = this;
		if (this.list === 'volunteers') {
			return kind === 'preview'
				? streamingApi.spreadsheets.volunteers.preview.mutate({ orgId, file, ...c })
				: streamingApi.spreadsheets.volunteers.commit.mutate({ orgId, file, fingerprint, ...c });
		}
		return kind === 'preview'
			? streamingApi.spreadsheets.demands.preview.mutate({ publish, file, ...c })
			: streamingApi.spreadsheets.demands.commit.mutate({ publish, file, fingerprint, ...c });
	}

	/** Another sheet: mapped afresh. */
	pickSheet(name: string) {
		this.sheet = name;
		this.columns = null;
		this.edits = {};
		void this.run('preview');
	}

	/** One column to another field (or none); every other column keeps what it shows. */
	mapColumn(mapping: MappingView, index: number, field: string) {
		this.columns = mapping.columns.map((c) => ({ index: c.index, field: c.index === index ? field || null : c.field }));
		this.edits = {};
		void this.run('preview');
	}

	async run(kind: 'preview' | 'commit', fingerprint?: string) {
		if (!this.chosen) return;
		this.view = { step: 'working', phase: kind === 'preview' ? 'read' : 'check', done: 0, total: 1 };
		try {
			for await (const event of await this.send(kind, this.chosen, fingerprint)) {
				if (event.type === 'progress')
					this.view = { step: 'working', phase: event.phase, done: event.done, total: Math.max(1, event.total) };
				else if (event.type === 'preview') this.view = { step: 'preview', preview: event.preview };
				else if (event.outcome.saved) this.view = { step: 'saved', counts: event.outcome.counts };
				else this.view = { step: 'refused', problems: event.outcome.problems, problemCount: event.outcome.problemCount };
			}
			if (this.view.step === 'working') this.view = { step: 'error', message: m.spreadsheets_error_network() };
		} catch (e) {
			this.view = { step: 'error', message: failure(e) };
		}
	}

	/** A newly chosen file: checked at once, with the choices on the previous one forgotten. */
	async choose(file: File) {
		if (file.size === 0) return void (this.view = { step: 'error', message: m.spreadsheets_file_empty() });
		if (file.size > MAX_FILE_BYTES)
			return void (this.view = { step: 'error', message: m.spreadsheets_file_too_large({ mb: MAX_FILE_MB }) });
		this.chosenName = file.name;
		this.chosen = { fileName: file.name, content: await fileAsBase64(file) };
		this.sheet = null;
		this.columns = null;
		this.edits = {};
		await this.run('preview');
	}
}
