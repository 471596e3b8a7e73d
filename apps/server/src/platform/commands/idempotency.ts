import { hasUnstorableText } from '@pishkhan/text';
import type { Kysely } from 'kysely';
import type { Actor } from '../actor.ts';
import type { PlatformTables } from '../db/tables.ts';
import { invalidInput } from '../http/input-issues.ts';

/** Where an idempotency key is unique: a channel ('email', 'sms') or one API user ('api:user:7'). */
export interface IdempotencyKey {
  scope: string;
  key: string;
}

/** Longest idempotency key accepted (a Message-ID is usually under 100 characters). */
export const MAX_IDEMPOTENCY_KEY = 200;

/**
 * The key of one channel call: unique per channel, and per user for signed-in callers
 * ('api:user:7'), so one user's key never returns another's result. 400 for an empty, over-long or
 * unstorable key.
 */
export function channelKey(actor: Actor, channel: string, key: string | undefined): IdempotencyKey | undefined {
  if (key === undefined) return undefined;
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY || hasUnstorableText(key)) {
    throw invalidInput('idempotencyKey', 'length_between', { min: 1, max: MAX_IDEMPOTENCY_KEY });
  }
  return { scope: actor.kind === 'user' ? `${channel}:user:${actor.userId}` : channel, key };
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
