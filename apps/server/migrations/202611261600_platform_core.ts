import type { Kysely } from 'kysely';
import { tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await tableWithId(db, 'one_time_tokens')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('expires_at', timeType, (c) => c.notNull())
    .addColumn('used_at', timeType)
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await tableWithId(db, 'outbox')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('dispatched_at', timeType)
    .execute();
  await db.schema.createIndex('outbox_undispatched').on('outbox').columns(['dispatched_at', 'id']).execute();
  await tableWithId(db, 'jobs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', timeType, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', timeType)
    .addColumn('last_error', 'text')
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('finished_at', timeType)
    .execute();
  // The claim query reads ready jobs due now, and expired leases of running ones.
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease').on('jobs').columns(['status', 'locked_until']).execute();
  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addPrimaryKeyConstraint('job_schedules_pk', ['name', 'slot'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['job_schedules', 'jobs', 'outbox', 'one_time_tokens', 'counters', 'settings']) await db.schema.dropTable(t).execute();
}
