import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../../config/index.ts';
import type { RealtimeFeed } from '../types.ts';
import { inProcessFeed } from './in-process.ts';
import { postgresFeed } from './postgres.ts';

/** The feed of the configured database: LISTEN/NOTIFY on PostgreSQL, in-process on SQLite. */
export function realtimeFeedFor(database: Config['database'], db: Kysely<any>, logger: Logger): RealtimeFeed {
  return database.dialect === 'postgres' ? postgresFeed(db, database.url, logger) : inProcessFeed();
}
