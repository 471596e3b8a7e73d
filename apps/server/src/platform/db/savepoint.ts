import { sql, type Kysely } from 'kysely';

/**
 * Runs fn inside a savepoint of the surrounding transaction: when it throws, what it wrote is
 * rolled back and the transaction goes on (the same SQL on SQLite and PostgreSQL). For batching
 * independent units of work under one commit.
 */
export async function inSavepoint<T>(trx: Kysely<any>, name: string, fn: () => Promise<T>): Promise<T> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid savepoint name ${name}`);
  const id = sql.raw(name);
  await sql`savepoint ${id}`.execute(trx);
  try {
    const result = await fn();
    await sql`release savepoint ${id}`.execute(trx);
    return result;
  } catch (error) {
    await sql`rollback to savepoint ${id}`.execute(trx);
    await sql`release savepoint ${id}`.execute(trx);
    throw error;
  }
}
