import type { Kysely } from 'kysely';
import { dialectOf } from '../../db/dialects/index.ts';
import type { SearchIndex } from '../types.ts';
import { createPostgresSearchSchema, postgresSearchIndex } from './postgres.ts';
import { createSqliteSearchSchema, sqliteSearchIndex } from './sqlite.ts';

/** The search driver of a connection's dialect. */
export function searchIndexFor(db: Kysely<any>): SearchIndex {
  return dialectOf(db).name === 'postgres' ? postgresSearchIndex : sqliteSearchIndex;
}

/** The dialect's own part of the search schema (migration 202612021300_search_index). */
export function createDialectSearchSchema(db: Kysely<any>): Promise<void> {
  return dialectOf(db).name === 'postgres' ? createPostgresSearchSchema(db) : createSqliteSearchSchema(db);
}
