// Progress of work that runs elsewhere (a transaction), for a generator to pass on as it comes.
/** The latest progress of work running elsewhere, as an async iterable that ends with it. */
export class ProgressFeed {
	private latest: number | null = null;
	private ended = false;
	private wake: (() => void) | null = null;
	push(done: number) {
		this.latest = done;
		this.wake?.();
	}
	end() {
		this.ended = true;
		this.wake?.();
	}
	async *[Symbol.asyncIterator]() {
		for (;;) {
			if (this.latest !== null) {
				const done = this.latest;
				this.latest = null;
				yield done;
			} else if (this.ended) return;
			else await new Promise<void>((resolve) => (this.wake = resolve));
		}
	}
}
