// `npm run board:repair -- list <roundId>` prints a board's largest stored updates;
// `npm run board:repair -- rollback <roundId> <seq> --by <username>` deletes update <seq> and
// every later one, audited as done by that admin. A running app must drop its loaded copy
// and the open sockets must be reset, or their browsers would send the undone edits back:
// with REDIS_URL the command tells every instance; without it, it refuses unless
// `--app-stopped` says no instance is running (or use the admin page, /board/<roundId>/repair).
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { pathToFileURL } from 'node:url';
import { resolveDatabase } from '../../prisma/database';
import { boardLog, onBoardReset, rollBackBoard } from '../../src/lib/features/board/repair';
import { boardDocName } from '../../src/lib/features/board/schemas';
import { can, loadPrincipal } from '../../src/lib/server/auth/authorize';
import { createDb, type Db } from '../../src/lib/server/db';
import { connectRedisFanout } from './fanout';

export const EXIT = { ok: 0, usage: 1, refused: 2 } as const;

export interface CliIo {
	out(line: string): void;
	err(line: string): void;
}

const USAGE = [
	'usage: npm run board:repair -- list <roundId>',
	'       npm run board:repair -- rollback <roundId> <seq> --by <admin username> [--app-stopped]'
];

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function main(
	args: readonly string[],
	db: Db,
	io: CliIo,
	env: { redisUrl?: string } = { redisUrl: process.env.REDIS_URL }
): Promise<number> {
	const [command, roundId, ...rest] = args;
	const round = roundId
		? await db.matchingRound.findUnique({
				where: { id: roundId },
				select: { id: true, name: true, org: { select: { id: true, path: true } } }
			})
		: null;
	if ((command !== 'list' && command !== 'rollback') || !roundId) {
		USAGE.forEach(io.err);
		return EXIT.usage;
	}
	if (!round) {
		io.err(`no round ${roundId}`);
		return EXIT.usage;
	}
	if (command === 'list') {
		const log = await boardLog(db, round.id);
		io.out(`${round.name} (${log.docName}): ${log.rows} stored updates, ${kb(log.bytes)}`);
		io.out('| seq | saved at | size |');
		io.out('|---:|---|---:|');
		for (const u of log.largest) io.out(`| ${u.seq} | ${u.at.toISOString()} | ${kb(u.bytes)} |`);
		return EXIT.ok;
	}
	const seq = Number(rest[0]);
	const by = rest[rest.indexOf('--by') + 1];
	if (!Number.isInteger(seq) || seq < 1 || !rest.includes('--by') || !by) {
		USAGE.forEach(io.err);
		return EXIT.usage;
	}
	const user = await db.user.findUnique({ where: { username: by }, select: { id: true } });
	const principal = user ? await loadPrincipal(db, user.id) : null;
	if (!user || !principal || !can(principal, 'board.repair', round.org.path)) {
		io.err(`${by} is not an admin over this round's organisation`);
		return EXIT.refused;
	}
	if (!env.redisUrl && !rest.includes('--app-stopped')) {
		io.err('without REDIS_URL the running app cannot be told to reset the board: stop it and pass --app-stopped,');
		io.err(`or roll back on the admin page, /board/${round.id}/repair`);
		return EXIT.refused;
	}
	const fanout = env.redisUrl
		? await connectRedisFanout(
				env.redisUrl,
				randomUUID(),
				{ message: () => undefined, accessChanged: () => undefined, reset: () => undefined, resumed: () => undefined },
				console
			)
		: null;
	const stop = onBoardReset(async (docName) => fanout?.publishReset(docName));
	try {
		const outcome = await rollBackBoard(db, {
			roundId: round.id,
			orgId: round.org.id,
			fromSeq: seq,
			actorId: user.id,
			via: 'command'
		}).catch((e: unknown) => {
			if (e instanceof TRPCError && e.code === 'CONFLICT') return null;
			throw e;
		});
		if (!outcome) {
			io.err(`update ${seq} is not stored on its own (merged into the checkpoint, or never saved): list the board again`);
			return EXIT.refused;
		}
		io.out(`rolled back ${boardDocName(round.id)}: deleted ${outcome.removed} updates (${kb(outcome.removedBytes)})`);
		return EXIT.ok;
	} finally {
		stop();
		await fanout?.close();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const db = createDb(resolveDatabase(process.env));
	const code = await main(process.argv.slice(2), db, { out: (l) => console.log(l), err: (l) => console.error(l) }).finally(() =>
		db.$disconnect()
	);
	process.exit(code);
}
