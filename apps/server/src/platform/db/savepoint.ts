import { sql, type Kysely } from 'kysely';
import { closeCallbackScope, openCallbackScope } from './transaction.ts';

/**
 * The savepoint could not be rolled back to: the database already ended the whole transaction
 * (SQLite does on some errors, e.g. a full disk). Going on would run the next statements outside
 * any transaction, so whoever batches units of work must give the whole batch up.
 */
export class TransactionLost extends Error {
  readonly original: unknown;
  constructor(original: unknown, rollbackError: unknown) {
    super(`The transaction was lost: rolling back to a savepoint failed (${String((rollbackError as Error)?.message ?? rollbackError)})`, { cause: original });
    this.original = original;
  }
}

/**
 * Runs fn inside a savepoint of the surrounding transaction: when it throws, what it wrote is
 * rolled back and the transaction goes on (the same SQL on SQLite and PostgreSQL). For batching
 * independent units of work under one commit. afterCommit callbacks registered inside run after
 * the real commit only if the savepoint was released; rolled back, they never run.
 */
export async function inSavepoint<T>(trx: Kysely<any>, name: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid savepoint name ${name}`);
  const id = sql.raw(name);
  await sql`savepoint ${id}`.execute(trx);
  openCallbackScope(trx);
  try {
    const result = await fn();
    await sql`release savepoint ${id}`.execute(trx);
    closeCallbackScope(trx, true);
    return result;
  } catch (error) {
    closeCallbackScope(trx, false);
    try {
      await sql`rollback to savepoint ${id}`.execute(trx);
      await sql`release savepoint ${id}`.execute(trx);
    } catch (rollbackError) {
      throw new TransactionLost(error, rollbackError);
    }
    throw error;
  }
}
