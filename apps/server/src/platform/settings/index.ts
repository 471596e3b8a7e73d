import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/tables.ts';

/**
 * Business settings (not process configuration): small JSON values in the `settings` table,
 * each module declaring its keys and defaults. Defaults are written at first start only, so an
 * admin's change is never overwritten.
 */
export type SettingDefaults = Record<string, unknown>;

const declared: SettingDefaults = {};

export function declareSettings(defaults: SettingDefaults): void {
  Object.assign(declared, defaults);
}

export function declaredSettings(): Readonly<SettingDefaults> {
  return declared;
}

export async function ensureDefaultSettings(db: Kysely<any>, now: number): Promise<void> {
  const rows = Object.entries(declared).map(([key, value]) => ({ key, value: JSON.stringify(value), updated_at: now }));
  if (rows.length === 0) return;
  await (db as Kysely<PlatformTables>).insertInto('settings').values(rows).onConflict((oc) => oc.column('key').doNothing()).execute();
}

export async function getSetting<T>(db: Kysely<any>, key: string): Promise<T> {
  const row = await (db as Kysely<PlatformTables>).selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (row) return JSON.parse(row.value) as T;
  if (key in declared) return declared[key] as T;
  throw new Error(`Unknown setting ${key}`);
}

export async function setSetting(db: Kysely<any>, key: string, value: unknown, now: number): Promise<void> {
  await (db as Kysely<PlatformTables>)
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
}
