import type { Db } from '../../schema.ts';

/** All SQL on `auth_failures` (failed attempts per key; a key is never a secret, only an email key or an address). */

export function findFailures(db: Db, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('auth_failures').selectAll().where('key', 'in', [...keys]).execute();
}

/** One more failure for a key; returns the count now. */
export async function addFailure(db: Db, key: string, now: number): Promise<number> {
  const row = await db
    .insertInto('auth_failures')
    .values({ key, failures: 1, first_failed_at: now, last_failed_at: now, locked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb('auth_failures.failures', '+', 1), last_failed_at: now })))
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function lockKey(db: Db, key: string, until: number): Promise<void> {
  await db.updateTable('auth_failures').set({ locked_until: until }).where('key', '=', key).execute();
}

/** Forgets a key's failures (a success, an admin's unlock). */
export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.deleteFrom('auth_failures').where('key', '=', key).execute();
}
