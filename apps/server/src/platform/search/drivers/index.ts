import type { Kysely } from 'kysely';
import { dialectOf } from '../../db/dialects/index.ts';
import type { SearchIndex } from '../types.ts';
import { createPostgresKindIndexes, createPostgresSearchSchema, dropPostgresKindIndexes, postgresSearchIndex } from './postgres.ts';
import { createSqliteSearchSchema, sqliteSearchIndex } from './sqlite.ts';

/** The search driver of a connection's dialect. */
export function searchIndexFor(db: Kysely<any>): SearchIndex {
  return dialectOf(db).name === 'postgres' ? postgresSearchIndex : sqliteSearchIndex;
}

/** The dialect's own part of the search schema (migration 202612021300_search_index). */
export function createDialectSearchSchema(db: Kysely<any>): Promise<void> {
  return dialectOf(db).name === 'postgres' ? createPostgresSearchSchema(db) : createSqliteSearchSchema(db);
}

/**
 * The kinds' own indexes (migration 202612050700): PostgreSQL's partial GIN per small kind; SQLite
 * needs none, its FTS5 walk already stops at the kind's last doc id (search_entries_kind_doc).
 */
export async function createDialectKindIndexes(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name === 'postgres') await createPostgresKindIndexes(db);
}

export async function dropDialectKindIndexes(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name === 'postgres') await dropPostgresKindIndexes(db);
}
