import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'user_preferences')
    .addColumn('user_id', refType, (c) => c.notNull().unique().references('users.id'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text', (c) => c.notNull())
    .addColumn('digits', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await tableWithId(db, 'saved_views')
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** The TicketFilter as JSON. */
    .addColumn('filter', 'text', (c) => c.notNull())
    .addColumn('sort', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('saved_views_user').on('saved_views').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_views').execute();
  await db.schema.dropTable('user_preferences').execute();
}
