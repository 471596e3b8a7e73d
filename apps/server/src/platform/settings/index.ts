import type { Kysely } from 'kysely';
import type { PlatformTables } from '../db/tables.ts';

/**
 * Business settings (not process configuration): small JSON values in the `settings` table.
 * Each module defines its keys with defaults (`defineSettings`) and contributes the group from its
 * `register*`; bootstrap writes the defaults of every contributed group at first start only, so an
 * admin's change is never overwritten. Defining a group mutates nothing global.
 */
export interface SettingsGroup<T extends Record<string, unknown>> {
  readonly defaults: Readonly<T>;
  /** The stored value, or the default when the row is missing (a database not yet bootstrapped). */
  get<K extends keyof T & string>(db: Kysely<any>, key: K): Promise<T[K]>;
  /**
   * For hot paths (the ticket number prefix on every presentation): kept in memory for 5 s per
   * connection, so a change is seen everywhere within 5 s. Only for display values; rules
   * (priority matrix, limits) always read the table.
   */
  getCached<K extends keyof T & string>(db: Kysely<any>, key: K): Promise<T[K]>;
  set<K extends keyof T & string>(db: Kysely<any>, key: K, value: T[K], now: number): Promise<void>;
}

export function defineSettings<T extends Record<string, unknown>>(defaults: T): SettingsGroup<T> {
  const group: SettingsGroup<T> = {
    defaults,
    async get(db, key) {
      const row = await (db as Kysely<PlatformTables>).selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? (JSON.parse(row.value) as T[typeof key]) : defaults[key];
    },
    async getCached(db, key) {
      const cache = cacheOf(db);
      const hit = cache.get(key);
      const now = Date.now();
      if (hit && now - hit.at < CACHE_MS) return hit.value as T[typeof key];
      const value = await group.get(db, key);
      cache.set(key, { value, at: now });
      return value;
    },
    async set(db, key, value, now) {
      const text = JSON.stringify(value);
      await (db as Kysely<PlatformTables>)
        .insertInto('settings')
        .values({ key, value: text, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: text, updated_at: now }))
        .execute();
      caches.get(db)?.delete(key);
    },
  };
  return group;
}

/** Writes the defaults of the given groups where no value is stored yet (first start, and keys added by an upgrade). */
export async function ensureDefaultSettings(db: Kysely<any>, groups: ReadonlyArray<SettingsGroup<Record<string, unknown>>>, now: number): Promise<void> {
  const rows = groups.flatMap((g) => Object.entries(g.defaults)).map(([key, value]) => ({ key, value: JSON.stringify(value), updated_at: now }));
  if (rows.length === 0) return;
  await (db as Kysely<PlatformTables>).insertInto('settings').values(rows).onConflict((oc) => oc.column('key').doNothing()).execute();
}

const caches = new WeakMap<object, Map<string, { value: unknown; at: number }>>();
const CACHE_MS = 5_000;

function cacheOf(db: Kysely<any>): Map<string, { value: unknown; at: number }> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}
