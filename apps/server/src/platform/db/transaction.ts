import type { Kysely, Transaction } from 'kysely';

const pending = new WeakMap<object, Array<() => void>>();

/**
 * Runs fn in one transaction; callbacks registered with afterCommit run only once it has
 * committed (never on rollback). This is how the outbox dispatcher is woken without ever
 * seeing an uncommitted event.
 */
export async function transaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  let callbacks: Array<() => void> = [];
  const result = await db.transaction().execute(async (trx) => {
    callbacks = [];
    pending.set(trx, callbacks);
    return fn(trx);
  });
  for (const cb of callbacks) {
    try {
      cb();
    } catch {
      // A wake-up hint failing must not turn a committed change into an error.
    }
  }
  return result;
}

/** Registers work to run after the surrounding transaction commits (immediately outside one). */
export function afterCommit(db: Kysely<any>, cb: () => void): void {
  const list = pending.get(db);
  if (list) list.push(cb);
  else queueMicrotask(cb);
}
