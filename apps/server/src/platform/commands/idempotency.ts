import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/tables.ts';

/** Where an idempotency key is unique: a channel ('email', 'sms') or one API user ('api:user:7'). */
export interface IdempotencyKey {
  scope: string;
  key: string;
}

/**
 * Runs `run` once per key, inside the caller's transaction: the key row commits with the work, so
 * a repeat (a re-delivered mail, a retried POST) returns the first call's result instead of doing
 * the work twice. On PostgreSQL a concurrent repeat waits on the key's unique index until the first
 * commits, then reads its result; SQLite serialises writers. Results must be JSON.
 */
export async function onceForKey<R>(
  trx: Kysely<any>,
  key: IdempotencyKey | undefined,
  now: number,
  run: () => Promise<R>,
): Promise<{ result: R; replayed: boolean }> {
  if (key === undefined) return { result: await run(), replayed: false };
  const db = trx as Kysely<PlatformTables>;
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ scope: key.scope, key: key.key, result: null, created_at: now })
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!claimed) {
    const row = await db.selectFrom('idempotency_keys').select('result').where('scope', '=', key.scope).where('key', '=', key.key).executeTakeFirstOrThrow();
    return { result: JSON.parse(row.result ?? 'null') as R, replayed: true };
  }
  const result = await run();
  await db.updateTable('idempotency_keys').set({ result: JSON.stringify(result ?? null) }).where('scope', '=', key.scope).where('key', '=', key.key).execute();
  return { result, replayed: false };
}
