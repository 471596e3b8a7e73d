import pg from 'pg';
import { PostgresAdapter, PostgresDialect, sql, type Kysely } from 'kysely';
import type { DialectSupport, ForeignKey } from './types.ts';

export const postgresSupport: DialectSupport = {
  name: 'postgres',
  // Every read is a round trip to the server: the executor's own cost is lost in it.
  directReader: () => undefined,
  matches: (adapter) => adapter instanceof PostgresAdapter,
  idColumnType: 'bigint',
  idColumn: (col) => col.primaryKey().generatedByDefaultAsIdentity(),
  skipLockedClause: 'for update skip locked',
  jobBatch: 1,
  dispatchLanes: 4,
  backgroundGatherMs: 0,
  withoutFlush: (db, fn) => fn(db),
  unflushedCommits: false,
  groupCommit: false,
  isUniqueViolation: (error) => (error as { code?: string })?.code === '23505',
  forUpdate: (qb) => qb.forUpdate(),
  noIndex: (expr) => expr,
  serverVersion: async (db: Kysely<unknown>) => (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v,
  prepareBulkLoad: async () => {},
  finishBulkLoad: async (db) => void (await sql`analyze`.execute(db)),
  foreignKeys: async (db) =>
    (
      await sql<ForeignKey>`select c.conrelid::regclass::text as "table", a.attname as "column", c.confrelid::regclass::text as "references"
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and c.connamespace = current_schema()::regnamespace`.execute(db)
    ).rows,
  // An identity column's sequence ignores explicit ids: set it past the highest one (or to 1).
  resetIdentity: async (db, table) => {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(db);
  },
};

/**
 * The one place where PostgreSQL's 64-bit integers (ids, timestamps in ms, counts) become
 * JavaScript numbers. Every value we store fits in 2^53 (ids, epoch milliseconds), so this is exact.
 */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A connection pool's state for /metrics: its size, open, idle and waiting clients. */
export interface PoolStats {
  size: number;
  open: number;
  idle: number;
  waiting: number;
}

export function createPostgresDialect(url: string, max = 10): { dialect: PostgresDialect; close(): Promise<void>; poolStats: () => PoolStats } {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle connection the server ends (restart, failover, pg_terminate_backend) is emitted as an
  // 'error' on the pool; unhandled it would crash the process. The pool has already discarded the
  // client and opens a fresh one on the next query, so there is nothing else to do.
  pool.on('error', () => {});
  return {
    dialect: new PostgresDialect({ pool }),
    close: () => pool.end(),
    poolStats: () => ({ size: max, open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}
