import type { CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './dialects/index.ts';

/**
 * Portable column helpers for migrations (ADR 0006): integer ids the database assigns,
 * times as UTC epoch milliseconds in 64-bit integers, flags as 0/1 integers, JSON as text.
 */
export function tableWithId<T extends string>(db: Kysely<any>, name: T): CreateTableBuilder<T, 'id'> {
  const d = dialectOf(db);
  return db.schema.createTable(name).addColumn('id', d.idColumnType, (col) => d.idColumn(col));
}

/** Column type of a column that references an id. */
export const refType = 'bigint' as const;
/** Column type of a timestamp (UTC epoch milliseconds). */
export const timeType = 'bigint' as const;
