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

/** A unique-constraint violation from either driver: a race lost to a concurrent insert, answered as 409. */
export function isUniqueViolation(error: unknown): boolean {
  return all.some((d) => d.isUniqueViolation(error));
}

export type { DialectSupport, DialectName } from './types.ts';
