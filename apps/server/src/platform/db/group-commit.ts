import type { Kysely } from 'kysely';
import { faultPoint } from '../testing/faults.ts';
import { inSavepoint, TransactionLost } from './savepoint.ts';
import { transaction } from './transaction.ts';

/**
 * Group commit (ADR 0029): units of work that arrive while one is being written wait, then run one
 * after another inside ONE transaction, each in its own savepoint, and are answered after its one
 * COMMIT. On SQLite every transaction is serialised on the one connection anyway, and a durable
 * commit (synchronous=FULL) costs a WAL flush: a batch pays it once instead of once per request.
 *
 * - A unit of work that throws is rolled back to its savepoint alone; its caller gets the error at
 *   once (nothing of it will commit), the others go on.
 * - Each member is resolved only after the commit: an answered write is a durable write.
 * - The commit failing rejects every member that was still waiting: nothing of the batch is kept.
 * - An idle server writes at once: the writer starts on the next turn of the event loop (after the
 *   requests already read in this turn have queued), not after a timer.
 * - A batch takes at most `maxMembers` units and stops taking new ones after `maxBatchMs`, so a
 *   read waiting for the connection, or the batch's first member, is not held for long.
 */
export const GROUP_COMMIT_LIMITS = { maxMembers: 32, maxBatchMs: 10 };

interface Member {
  fn(trx: Kysely<any>): Promise<unknown>;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

interface Group {
  queue: Member[];
  /** A writer is scheduled or writing: a new member only queues. */
  active: boolean;
  /** Batches committed and units of work they answered, for tests and /metrics. */
  commits: number;
  members: number;
}

const groups = new WeakMap<Kysely<any>, Group>();

/** Runs fn in the group's next transaction on `db` (a root Kysely, never a transaction); resolves after that commits. */
export function groupedTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { queue: [], active: false, commits: 0, members: 0 }));
  const g = group;
  return new Promise<T>((resolve, reject) => {
    g.queue.push({ fn: fn as Member['fn'], resolve: resolve as Member['resolve'], reject });
    if (!g.active) {
      g.active = true;
      // The next turn, not now: the other requests read in this turn of the event loop queue first
      // and share the commit. Every query runs synchronously in better-sqlite3, so started now the
      // writer would finish the whole transaction before any of them got to the queue.
      setImmediate(() => void write(db as Kysely<any>, g));
    }
  });
}

/** How many group commits ran on `db` and how many units of work they held. */
export function groupCommitStats(db: Kysely<any>): { commits: number; members: number } {
  const group = groups.get(db);
  return { commits: group?.commits ?? 0, members: group?.members ?? 0 };
}

async function write(db: Kysely<any>, group: Group): Promise<void> {
  try {
    while (group.queue.length > 0) await writeBatch(db, group);
  } finally {
    group.active = false;
  }
}

async function writeBatch(db: Kysely<any>, group: Group): Promise<void> {
  const written: Array<{ member: Member; result: unknown }> = [];
  try {
    await transaction(db, async (trx) => {
      const started = performance.now();
      for (let i = 0; group.queue.length > 0 && i < GROUP_COMMIT_LIMITS.maxMembers; i++) {
        if (i > 0 && performance.now() - started >= GROUP_COMMIT_LIMITS.maxBatchMs) break;
        const member = group.queue.shift()!;
        try {
          written.push({ member, result: await inSavepoint(trx, `unit_${i}`, () => member.fn(trx)) });
        } catch (error) {
          // Its own error to its caller; the others hear that the transaction was lost, never another request's 404.
          member.reject(error instanceof TransactionLost ? error.original : error);
          if (error instanceof TransactionLost) throw error;
        }
      }
      faultPoint('commands.group_before_commit');
    });
  } catch (error) {
    for (const { member } of written) member.reject(error);
    return;
  }
  group.commits++;
  group.members += written.length;
  for (const { member, result } of written) member.resolve(result);
}
