import type { Kysely } from 'kysely';
import { refType, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * The tickets module's SLA columns (issue 11): the policy, due time and breach per target, business
 * time elapsed and paused (ms), the earliest open due time and whether any target is breached (the
 * queue views' indexes) and the earliest next SLA event — the sweep reads that index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tickets').addColumn('sla_policy_id', refType).execute();
  for (const column of ['sla_first_response_due_at', 'sla_next_response_due_at', 'sla_resolution_due_at', 'sla_due_at', 'sla_next_event_at']) {
    await db.schema.alterTable('tickets').addColumn(column, timeType).execute();
  }
  for (const column of ['sla_elapsed_ms', 'sla_paused_ms']) {
    await db.schema.alterTable('tickets').addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  }
  for (const column of ['sla_first_response_breached', 'sla_next_response_breached', 'sla_resolution_breached', 'sla_breached']) {
    await db.schema.alterTable('tickets').addColumn(column, 'integer', (c) => c.notNull().defaultTo(0)).execute();
  }
  await db.schema.createIndex('tickets_sla_next_event').on('tickets').columns(['sla_next_event_at', 'status']).execute();
  // The queue views: breaching_soon (the earliest open due) and breached (any target).
  await db.schema.createIndex('tickets_sla_due').on('tickets').columns(['sla_due_at', 'status']).execute();
  await db.schema.createIndex('tickets_sla_breached').on('tickets').columns(['sla_breached', 'status', 'sla_due_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_sla_breached').execute();
  await db.schema.dropIndex('tickets_sla_due').execute();
  await db.schema.dropIndex('tickets_sla_next_event').execute();
  for (const column of [
    'sla_first_response_breached',
    'sla_next_response_breached',
    'sla_resolution_breached',
    'sla_breached',
    'sla_due_at',
    'sla_elapsed_ms',
    'sla_paused_ms',
    'sla_first_response_due_at',
    'sla_next_response_due_at',
    'sla_resolution_due_at',
    'sla_next_event_at',
    'sla_policy_id',
  ]) {
    await db.schema.alterTable('tickets').dropColumn(column).execute();
  }
}
