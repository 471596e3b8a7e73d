import { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import { dialectOf, type DialectSupport } from './dialects/index.ts';
import { createPostgresDialect, type PoolStats } from './dialects/postgres.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';

export interface Database<DB> {
  kysely: Kysely<DB>;
  dialect: DialectSupport;
  /** The pool's state (PostgreSQL); SQLite has one connection: size 1, never waiting. */
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/** Opens the configured database. Kysely is the only way SQL reaches it. */
export function openDatabase<DB>(config: Config['database'], options: { poolSize?: number } = {}): Database<DB> {
  const opened =
    config.dialect === 'postgres' ? createPostgresDialect(config.url, options.poolSize) : createSqliteDialect(config.file);
  const kysely = new Kysely<DB>({ dialect: opened.dialect });
  return {
    kysely,
    dialect: dialectOf(kysely),
    poolStats: 'poolStats' in opened ? opened.poolStats : () => ({ size: 1, open: 1, idle: 1, waiting: 0 }),
    close: async () => {
      await kysely.destroy();
    },
  };
}
