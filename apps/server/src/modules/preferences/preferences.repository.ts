import type { Selectable } from 'kysely';
import type { Executor } from '../../schema.ts';
import type { PreferencesTables } from './preferences.tables.ts';

export type PreferencesRow = Selectable<PreferencesTables['user_preferences']>;
export type SavedViewRow = Selectable<PreferencesTables['saved_views']>;

export async function findPreferences(db: Executor, userId: number): Promise<PreferencesRow | undefined> {
  return db.selectFrom('user_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertPreferences(db: Executor, row: Omit<PreferencesRow, 'id'>): Promise<PreferencesRow> {
  return db.insertInto('user_preferences').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function listSavedViews(db: Executor, userId: number): Promise<SavedViewRow[]> {
  return db.selectFrom('saved_views').selectAll().where('user_id', '=', userId).orderBy('id').limit(200).execute();
}

export async function countSavedViews(db: Executor, userId: number): Promise<number> {
  const row = await db.selectFrom('saved_views').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findSavedView(db: Executor, id: number): Promise<SavedViewRow | undefined> {
  return db.selectFrom('saved_views').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSavedView(db: Executor, row: Omit<SavedViewRow, 'id'>): Promise<SavedViewRow> {
  return db.insertInto('saved_views').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteSavedView(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('saved_views').where('id', '=', id).execute();
}
