import { sql, type Kysely, type Selectable } from 'kysely';
import type { DialectSupport } from '../db/dialects/index.ts';
import type { PlatformTables } from '../db/tables.ts';

/** All SQL of the outbox. */
export type OutboxRow = Selectable<PlatformTables['outbox']>;
const as = (db: Kysely<any>) => db as Kysely<PlatformTables>;

/**
 * The oldest undispatched events, in the order they were recorded; with `events`, only those
 * named (`in`) or only the others (`notIn`). On PostgreSQL rows another process is dispatching
 * right now are skipped (and stay locked until this transaction ends).
 */
export async function selectUndispatched(
  trx: Kysely<any>,
  dialect: DialectSupport,
  limit: number,
  events?: { in: readonly string[] } | { notIn: readonly string[] },
): Promise<OutboxRow[]> {
  let query = as(trx).selectFrom('outbox').selectAll().where('dispatched_at', 'is', null);
  if (events && 'in' in events) query = query.where('event', 'in', [...events.in]);
  else if (events && events.notIn.length > 0) query = query.where('event', 'not in', [...events.notIn]);
  return query.orderBy('id').limit(limit).modifyEnd(sql.raw(dialect.skipLockedClause)).execute();
}

export async function markDispatched(trx: Kysely<any>, ids: readonly number[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await as(trx).updateTable('outbox').set({ dispatched_at: now }).where('id', 'in', [...ids]).where('dispatched_at', 'is', null).execute();
}

/**
 * Deletes up to `limit` outbox rows dispatched before `before`, oldest first (index
 * outbox_undispatched); returns how many. Undispatched rows are never deleted.
 */
export async function deleteDispatchedBefore(db: Kysely<any>, input: { before: number; limit: number }): Promise<number> {
  const result = await as(db)
    .deleteFrom('outbox')
    .where('id', 'in', (eb) =>
      eb.selectFrom('outbox').select('id').where('dispatched_at', 'is not', null).where('dispatched_at', '<', input.before).orderBy('id').limit(input.limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The undispatched outbox: how many rows, and when the oldest was written (null when empty): /metrics. */
export async function outboxBacklog(db: Kysely<any>): Promise<{ pending: number; oldestAt: number | null }> {
  const row = await (db as Kysely<PlatformTables>)
    .selectFrom('outbox')
    .select([(eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min<number>('created_at').as('oldest')])
    .where('dispatched_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.n), oldestAt: row.oldest === null ? null : Number(row.oldest) };
}
