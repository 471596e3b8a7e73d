import type { DialectAdapter, Kysely } from 'kysely';
import { postgresSupport } from './postgres.ts';
import { sqliteSupport } from './sqlite.ts';
import type { DialectSupport } from './types.ts';

const all: DialectSupport[] = [sqliteSupport, postgresSupport];

/** The dialect support for a connected Kysely instance (works inside transactions too). */
export function dialectOf(db: Kysely<any>): DialectSupport {
  const adapter: DialectAdapter = db.getExecutor().adapter;
  const found = all.find((d) => d.matches(adapter));
  if (!found) throw new Error('Unsupported database dialect');
  return found;
}

export type { DialectSupport, DialectName } from './types.ts';
