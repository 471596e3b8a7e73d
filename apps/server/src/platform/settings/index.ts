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
  /**
   * The stored value, or the default when the row is missing (a database not yet bootstrapped).
   * Inside a transaction each key is read from the table once (`db` a transaction: a group
   * commit's batch of ingested mail or commands, a batch of jobs) — a transaction sees one value
   * of a setting anyway on SQLite, whose one writer is that transaction; a `set` through the same
   * transaction sends its later reads of that key back to the table (so a savepoint rolled back
   * cannot leave a value that was never committed). Outside a transaction, always the table.
   */
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
      const memo = db.isTransaction ? memoOf(db) : undefined;
      let text = memo?.texts.get(key);
      if (text === undefined) {
        const row = await (db as Kysely<PlatformTables>).selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
        text = row ? row.value : null;
        if (memo && !memo.written.has(key)) memo.texts.set(key, text);
      }
      // Parsed (or the default copied) on every read: callers get their own object, as from the table.
      return text === null ? structuredClone(defaults[key]) : (JSON.parse(text) as T[typeof key]);
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
      const memo = transactionMemos.get(db);
      memo?.texts.delete(key);
      memo?.written.add(key);
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

/** Per transaction: the stored text of each key read (null: no row), and the keys written through it. */
const transactionMemos = new WeakMap<object, { texts: Map<string, string | null>; written: Set<string> }>();

function memoOf(trx: Kysely<any>): { texts: Map<string, string | null>; written: Set<string> } {
  let memo = transactionMemos.get(trx);
  if (!memo) transactionMemos.set(trx, (memo = { texts: new Map(), written: new Set() }));
  return memo;
}
