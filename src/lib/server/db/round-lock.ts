// One change to a round's matches or timetable at a time: publishing, scheduling, answers
// and re-plans of one round serialise within this process, and PostgreSQL adds a
// transaction-scoped advisory lock so several app instances serialise too.
import { providerOf, type Db } from '.';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

const roundLocks = new Map<string, Promise<unknown>>();

async function inProcess<T>(roundId: string, run: () => Promise<T>): Promise<T> {
	const previous = roundLocks.get(roundId) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(run);
	roundLocks.set(roundId, next);
	try {
		return await next;
	} finally {
		if (roundLocks.get(roundId) === next) roundLocks.delete(roundId);
	}
}

/** Runs `work` in one transaction holding the round's lock. */
export function withRoundLock<T>(db: Db, roundId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
	return inProcess(roundId, () =>
		db.$transaction(
			async (tx) => {
				if (providerOf(db) === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${roundId}))`;
				return work(tx);
			},
			{ timeout: 60_000, maxWait: 30_000 }
		)
	);
}
