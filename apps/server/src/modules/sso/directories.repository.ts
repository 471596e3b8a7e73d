import type { Insertable, Selectable, Updateable } from 'kysely';
import { updateAtVersion } from '../../platform/db/index.ts';
import type { DB, Db } from '../../schema.ts';

export type DirectoryRow = Selectable<DB['sso_directories']>;

export async function insertDirectory(db: Db, values: Insertable<DB['sso_directories']>): Promise<number> {
  const { id } = await db.insertInto('sso_directories').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

export function findDirectoryRow(db: Db, id: number): Promise<DirectoryRow | undefined> {
  return db.selectFrom('sso_directories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listDirectoryRows(db: Db): Promise<DirectoryRow[]> {
  return db.selectFrom('sso_directories').selectAll().orderBy('id').execute();
}

export function updateDirectoryAtVersion(db: Db, id: number, version: number, set: Updateable<DB['sso_directories']>): Promise<DirectoryRow> {
  return updateAtVersion(db, 'sso_directories', id, version, set);
}

/** Sets the sealed bind password (the seal's context holds the id, known only after the insert). */
export async function setDirectorySecret(db: Db, id: number, sealed: string): Promise<void> {
  await db.updateTable('sso_directories').set({ bind_password_sealed: sealed }).where('id', '=', id).execute();
}

/** Active directories with a schedule whose last sync is at least their interval old (or never ran). */
export function directoriesDueForSync(db: Db, now: number): Promise<Pick<DirectoryRow, 'id' | 'sync_every_minutes' | 'last_synced_at'>[]> {
  return db
    .selectFrom('sso_directories')
    .select(['id', 'sync_every_minutes', 'last_synced_at'])
    .where('active', '=', 1)
    .where('sync_every_minutes', 'is not', null)
    .execute()
    .then((rows) => rows.filter((r) => r.last_synced_at === null || now - r.last_synced_at >= r.sync_every_minutes! * 60_000));
}

export async function markDirectorySynced(db: Db, id: number, at: number): Promise<void> {
  await db.updateTable('sso_directories').set({ last_synced_at: at }).where('id', '=', id).execute();
}
