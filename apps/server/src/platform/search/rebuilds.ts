import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/tables.ts';

/** The progress of one index rebuild (`pishkhan reindex`). */
export interface Rebuild {
  id: number;
  status: 'running' | 'done';
  total: number;
  done: number;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

type Db = Kysely<PlatformTables>;

function present(row: PlatformTables['search_rebuilds'] & { id: number }): Rebuild {
  return {
    id: Number(row.id),
    status: row.status as Rebuild['status'],
    total: Number(row.total),
    done: Number(row.done),
    startedAt: Number(row.started_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

export async function insertRebuild(db: Kysely<any>, total: number, now: number): Promise<number> {
  const row = await (db as Db)
    .insertInto('search_rebuilds')
    .values({ status: 'running', total, done: 0, started_at: now, updated_at: now, finished_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Adds `count` records to the rebuild's progress; marks it done when `finished`. */
export async function advanceRebuild(db: Kysely<any>, id: number, count: number, now: number, finished: boolean): Promise<void> {
  await (db as Db)
    .updateTable('search_rebuilds')
    .set((eb) => ({ done: eb('done', '+', count), updated_at: now, ...(finished ? { status: 'done', finished_at: now } : {}) }))
    .where('id', '=', id)
    .execute();
}

export async function findRebuild(db: Kysely<any>, id: number): Promise<Rebuild | undefined> {
  const row = await (db as Db).selectFrom('search_rebuilds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? present(row as never) : undefined;
}

export async function latestRebuild(db: Kysely<any>): Promise<Rebuild | undefined> {
  const row = await (db as Db).selectFrom('search_rebuilds').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? present(row as never) : undefined;
}
