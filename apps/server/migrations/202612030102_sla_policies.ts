import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'sla_policies')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('calendar_id', refType, (c) => c.notNull().references('calendars.id'))
    /** Targets per priority as JSON: { "1": { firstResponse, nextResponse, resolution } } in business minutes. */
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('pause_on_third_party', 'integer', (c) => c.notNull())
    .addColumn('warn_at_percent', 'integer')
    .addColumn('breach_escalate', 'integer', (c) => c.notNull())
    .addColumn('breach_refer_group_id', refType, (c) => c.references('groups.id'))
    /** 'default' on the one default policy, else null (unique: at most one default). */
    .addColumn('default_key', 'text', (c) => c.unique())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await tableWithId(db, 'sla_rules')
    .addColumn('position', 'integer', (c) => c.notNull())
    /** A TicketFilter as JSON. */
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('policy_id', refType, (c) => c.notNull().references('sla_policies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  /** One row per (ticket, target, level) action the sweep took: the key makes it happen once. */
  await tableWithId(db, 'sla_actions')
    .addColumn('action_key', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', refType, (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    /** warning | breach */
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('due_at', timeType, (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_actions_ticket').on('sla_actions').columns(['ticket_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sla_actions').execute();
  await db.schema.dropTable('sla_rules').execute();
  await db.schema.dropTable('sla_policies').execute();
}
