import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';
import { createDialectSearchSchema } from '../src/platform/search/index.ts';

/**
 * The search index (platform/search): `search_entries` (one row per indexed record: kind, id,
 * updated_at for recency; doc_id = id × 4 + kind code), the lexicon `search_terms` (typo
 * candidates), `search_rebuilds` (progress of `pishkhan reindex`), then each dialect's own part:
 * SQLite FTS5 tables; PostgreSQL pg_trgm, a tsvector column with a GIN index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_entries')
    .addColumn('doc_id', 'bigint', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', refType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createTable('search_terms').addColumn('term', 'text', (c) => c.primaryKey()).execute();
  await tableWithId(db, 'search_rebuilds')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('done', 'bigint', (c) => c.notNull())
    .addColumn('started_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('finished_at', timeType)
    .execute();
  await createDialectSearchSchema(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['search_fts', 'search_terms_grams', 'search_rebuilds', 'search_terms', 'search_entries']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
