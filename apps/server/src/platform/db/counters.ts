import type { Kysely } from 'kysely';
import type { PlatformTables } from './tables.ts';

const as = (db: Kysely<any>) => db as Kysely<PlatformTables>;

/**
 * The next value of a named counter (e.g. ticket numbers), starting at `first`. One row per name,
 * created on first use and incremented with UPDATE … RETURNING: inside the caller's transaction,
 * two concurrent callers never get the same value, and a rollback gives the value back.
 */
export async function nextCounterValue(db: Kysely<any>, name: string, first: number): Promise<number> {
  await as(db).insertInto('counters').values({ name, value: first - 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await as(db)
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Reserves `count` consecutive values of a named counter in one statement and returns the first:
 * the bulk form of nextCounterValue (seed data takes a block of ticket numbers at once), with the
 * same guarantees inside the caller's transaction.
 */
export async function reserveCounterValues(db: Kysely<any>, name: string, first: number, count: number): Promise<number> {
  await as(db).insertInto('counters').values({ name, value: first - 1 }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await as(db)
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', count) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value - count + 1;
}
