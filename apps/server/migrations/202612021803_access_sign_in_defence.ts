import type { Kysely } from 'kysely';
import { timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * Brute-force defence: failed attempts per key (`account:<email key>`, `ip:<address>`, `reset:…`) with
 * the last failure and a temporary lock; and the rate-limit windows of public endpoints, in the
 * database so that every process shares them (PostgreSQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('auth_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failed_at', timeType, (c) => c.notNull())
    .addColumn('last_failed_at', timeType, (c) => c.notNull())
    .addColumn('locked_until', timeType)
    .execute();
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('window_start', timeType, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
  await db.schema.dropTable('auth_failures').execute();
}
