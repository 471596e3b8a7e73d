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

const caches = new WeakMap<object, Map<string, { value: unknown; at: number }>>();
const CACHE_MS = 5_000;

function cacheOf(db: Kysely<any>): Map<string, { value: unknown; at: number }> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/**
 * A setting read on hot paths (e.g. the ticket number prefix on every presentation), kept in
 * memory for 5 s per connection: a change is seen everywhere within 5 s. Only for display values;
 * rules (priority matrix, limits) always read the table.
 */
export async function getSettingCached<T>(db: Kysely<any>, key: string): Promise<T> {
  const cache = cacheOf(db);
  const hit = cache.get(key);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit.value as T;
  const value = await getSetting<T>(db, key);
  cache.set(key, { value, at: now });
  return value;
}

export async function setSetting(db: Kysely<any>, key: string, value: unknown, now: number): Promise<void> {
  await (db as Kysely<PlatformTables>)
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }))
    .execute();
  caches.get(db)?.delete(key);
}
