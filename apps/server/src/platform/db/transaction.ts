import type { Kysely, Transaction } from 'kysely';

/**
 * The afterCommit callbacks of each open transaction, as a stack of scopes: the transaction's own,
 * then one per open savepoint (savepoint.ts). A savepoint released hands its callbacks to the
 * scope below; one rolled back drops them — what it wrote never commits, so nothing may be told
 * that it did.
 */
const pending = new WeakMap<object, Array<Array<() => void>>>();

/**
 * Runs fn in one transaction; callbacks registered with afterCommit run only once it has
 * committed (never on rollback). This is how the outbox dispatcher is woken without ever
 * seeing an uncommitted event.
 */
export async function transaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let callbacks: Array<() => void> = [];
  const result = await db.transaction().execute(async (trx) => {
    callbacks = [];
    pending.set(trx, [callbacks]);
    return fn(trx);
  });
  runCallbacks(callbacks);
  return result;
}

/** Registers work to run after the surrounding transaction commits (immediately outside one). */
export function afterCommit(db: Kysely<any>, cb: () => void): void {
  const scopes = pending.get(db);
  if (scopes) scopes.at(-1)!.push(cb);
  else queueMicrotask(cb);
}

/** A savepoint opens: afterCommit callbacks registered from now on belong to it. */
export function openCallbackScope(trx: Kysely<any>): void {
  pending.get(trx)?.push([]);
}

/** The savepoint ends: released (keep) its callbacks join the enclosing scope; rolled back they are dropped. */
export function closeCallbackScope(trx: Kysely<any>, keep: boolean): void {
  const scopes = pending.get(trx);
  if (!scopes || scopes.length < 2) return;
  const closed = scopes.pop()!;
  if (keep) scopes.at(-1)!.push(...closed);
}

function runCallbacks(callbacks: Array<() => void>): void {
  for (const cb of callbacks) {
    try {
      cb();
    } catch {
      // A wake-up hint failing must not turn a committed change into an error.
    }
  }
}
