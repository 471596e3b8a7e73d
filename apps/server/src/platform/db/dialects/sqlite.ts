import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SqliteAdapter, SqliteDialect, sql, type DialectAdapter, type Expression, type Kysely } from 'kysely';
import type { DialectSupport, ForeignKey } from './types.ts';

/** The better-sqlite3 database behind each SQLite Kysely instance, by the adapter Kysely made for it. */
const directReaders = new WeakMap<DialectAdapter, BetterSqlite3.Database>();

export const sqliteSupport: DialectSupport = {
  name: 'sqlite',
  directReader: (db) => {
    const database = directReaders.get(db.getExecutor().adapter);
    // Someone else's transaction is open on the one connection: through the executor, which waits for it.
    if (!database || (database.inTransaction && !db.isTransaction)) return undefined;
    return database;
  },
  matches: (adapter) => adapter instanceof SqliteAdapter,
  idColumnType: 'integer',
  // AUTOINCREMENT: an id is never reused after a delete, as on PostgreSQL.
  idColumn: (col) => col.primaryKey().autoIncrement(),
  skipLockedClause: '',
  jobBatch: 16,
  dispatchLanes: 1,
  backgroundGatherMs: 20,
  unflushedCommits: true,
  groupCommit: true,
  isUniqueViolation: (error) => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes((error as { code?: string })?.code ?? ''),
  // One writer at a time: a write transaction already excludes every other writer.
  forUpdate: (qb) => qb,
  noIndex: <T>(expr: Expression<T>) => sql<T>`+(${expr})`,
  serverVersion: async (db: Kysely<unknown>) =>
    (await sql<{ v: string }>`select 'sqlite ' || sqlite_version() as v`.execute(db)).rows[0]!.v,
  // Outside any transaction (SQLite refuses the pragma inside one), on the one connection, which
  // Kysely's mutex keeps to fn alone: no other transaction can commit under NORMAL meanwhile. Back to
  // FULL without reading the level first: createSqliteDialect opens every connection at FULL (ADR 0008).
  withoutFlush: (db, fn) =>
    db.connection().execute(async (conn) => {
      await sql`pragma synchronous = NORMAL`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        await sql`pragma synchronous = FULL`.execute(conn);
      }
    }),
  // 512 MB of page cache for this connection (negative: KiB); the CLI process ends after the load.
  prepareBulkLoad: async (db) => void (await sql`pragma cache_size = -524288`.execute(db)),
  finishBulkLoad: async () => {},
  foreignKeys: async (db) =>
    (
      await sql<ForeignKey>`select m.name as "table", f."from" as "column", f."table" as "references"
        from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table'`.execute(db)
    ).rows,
  // AUTOINCREMENT keeps sqlite_sequence at the highest id inserted, explicit ids included.
  resetIdentity: async () => {},
};

/**
 * Opens the embedded database: WAL so readers never block the writer, synchronous=FULL so an
 * acknowledged write survives power loss (ADR 0008), foreign keys on, and a busy timeout so a
 * second process (the CLI beside a running server) waits instead of failing.
 */
export function createSqliteDialect(file: string): { dialect: SqliteDialect; close(): void } {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return { dialect: new SqliteDialectWithDirectReads(database), close: () => database.close() };
}

/** Kysely's SQLite dialect, which also records the database behind the adapter it makes (sqliteSupport.directReader). */
class SqliteDialectWithDirectReads extends SqliteDialect {
  readonly #database: BetterSqlite3.Database;
  constructor(database: BetterSqlite3.Database) {
    super({ database: withStatementCache(database) });
    this.#database = database;
  }
  override createAdapter(): DialectAdapter {
    const adapter = super.createAdapter();
    directReaders.set(adapter, this.#database);
    return adapter;
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query afresh, and preparing is the costliest step of a small query on
 * better-sqlite3 (a quarter of a request's CPU, measured). Queries are built from the same
 * builders with bound parameters, so their SQL repeats: reuse prepared statements (LRU).
 * Safe because Kysely runs one query at a time on its single SQLite connection.
 */
function withStatementCache(database: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = database.prepare.bind(database);
  return new Proxy(database, {
    get(target, prop, receiver) {
      if (prop !== 'prepare') {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (source: string) => {
        let statement = cache.get(source);
        if (statement) {
          cache.delete(source);
        } else {
          statement = prepare(source);
          if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        }
        cache.set(source, statement);
        return statement;
      };
    },
  });
}
