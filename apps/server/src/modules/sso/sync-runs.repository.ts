import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DB, Db } from '../../schema.ts';

export type SyncRunRow = Selectable<DB['sso_sync_runs']>;

export async function insertSyncRun(db: Db, values: Insertable<DB['sso_sync_runs']>): Promise<number> {
  const { id } = await db.insertInto('sso_sync_runs').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The latest reports of a directory, newest first. */
export function latestSyncRuns(db: Db, directoryId: number, limit = 20): Promise<SyncRunRow[]> {
  return db.selectFrom('sso_sync_runs').selectAll().where('directory_id', '=', directoryId).orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Runs one person's part of a sync under a savepoint of the job's transaction: a refusal (the last
 * admin, a taken email) undoes that person's writes only, and the sync goes on.
 */
export async function inSavepoint<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await sql`savepoint sso_sync_person`.execute(db);
  try {
    const result = await fn();
    await sql`release savepoint sso_sync_person`.execute(db);
    return result;
  } catch (error) {
    await sql`rollback to savepoint sso_sync_person`.execute(db);
    await sql`release savepoint sso_sync_person`.execute(db);
    throw error;
  }
}
