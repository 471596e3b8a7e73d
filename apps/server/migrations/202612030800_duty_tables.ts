import type { Kysely } from 'kysely';
import { refType, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agent_duty')
    .addColumn('agent_id', refType, (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('calendar_id', refType, (c) => c.references('calendars.id').onDelete('set null'))
    .addColumn('away_until', timeType)
    .addColumn('away_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('group_assignment')
    .addColumn('group_id', refType, (c) => c.primaryKey().references('groups.id').onDelete('cascade'))
    /** off | round_robin | least_loaded */
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('max_open_per_agent', 'integer')
    .addColumn('calendar_id', refType, (c) => c.references('calendars.id').onDelete('set null'))
    .addColumn('last_agent_id', refType)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('group_assignment').execute();
  await db.schema.dropTable('agent_duty').execute();
}
