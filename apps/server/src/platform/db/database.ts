import { Kysely } from 'kysely';
import type { Config } from '../config/index.ts';
import { dialectOf, type DialectSupport } from './dialects/index.ts';
import { createPostgresDialect } from './dialects/postgres.ts';
import { createSqliteDialect } from './dialects/sqlite.ts';

export interface Database<DB> {
  kysely: Kysely<DB>;
  dialect: DialectSupport;
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
    close: async () => {
      await kysely.destroy();
    },
  };
}
