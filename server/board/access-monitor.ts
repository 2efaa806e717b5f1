// Keeps open board sockets within their holders' access: every so often, and at once when
// this instance or (over Redis) another one says whose access changed, it re-checks the
// connections concerned in a few queries and closes or demotes them.
import { onAccessChanged, type AccessChange } from '../../src/lib/server/auth/access-events';
import type { Db } from '../../src/lib/server/db';
import { recheckAccess, type Verdict } from './access';
import { CLOSE } from './admission';
import type { Logger } from './log';
import type { Peer, Room } from './room';

export interface AccessMonitorOptions {
	db: Db;
	log: Logger;
	/** The rooms whose connections are watched. */
	rooms: () => Iterable<Room>;
	/** Tells the other instances of a change that happened here. */
	broadcast: (change: AccessChange) => void;
	everyMs: number;
}

export class AccessMonitor {
	readonly #sweep: ReturnType<typeof setInterval>;
	readonly #stopListening: () => void;
	#sweeping = false;

	constructor(private readonly options: AccessMonitorOptions) {
		this.#sweep = setInterval(() => {
			if (this.#sweeping) return;
			this.#sweeping = true;
			void this.recheck({}).finally(() => (this.#sweeping = false));
		}, options.everyMs);
		// Housekeeping alone must not keep a process alive.
		this.#sweep.unref();
		this.#stopListening = onAccessChanged((change) => {
			options.broadcast(change);
			void this.recheck(change);
		});
	}

	/**
	 * Re-checks the connections `change` concerns: signed out or expired sessions and
	 * switched-off users are closed with 4401, those who lost the round with 4403, editors
	 * who can still read are kept as readers.
	 */
	async recheck({ sessionIds, userIds }: AccessChange): Promise<void> {
		const { db, log } = this.options;
		const concerned = (peer: Peer) =>
			(!sessionIds && !userIds) || !!sessionIds?.includes(peer.holder.sessionId) || !!userIds?.includes(peer.holder.userId);
		const peers = [...this.options.rooms()]
			.flatMap((room) => [...room.peers].map((peer) => ({ room, peer })))
			.filter(({ peer }) => peer.open && concerned(peer));
		if (peers.length === 0) return;
		let verdicts: Verdict[];
		try {
			verdicts = await recheckAccess(
				db,
				peers.map(({ peer }) => peer.holder)
			);
		} catch (e) {
			// The database is away: keep what admission granted, and try again next time.
			log.warn(`board: re-checking access failed: ${(e as Error).message}`);
			return;
		}
		peers.forEach(({ room, peer }, i) => {
			const verdict = verdicts[i];
			if (verdict === 'unauthenticated') return peer.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason);
			if (verdict === 'forbidden') return peer.close(CLOSE.forbidden.code, CLOSE.forbidden.reason);
			if (verdict === 'read' && peer.access === 'edit') {
				peer.demoteToReader();
				log.info(`board: user ${peer.userId} may only read ${room.name} now; their edits are dropped from here on`);
			}
		});
	}

	stop(): void {
		clearInterval(this.#sweep);
		this.#stopListening();
	}
}
