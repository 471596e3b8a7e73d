import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'notifications')
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ticket_id', refType, (c) => c.references('tickets.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    /** The event that caused it: a redelivered event never notifies twice. */
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('read_at', timeType)
    .execute();
  await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notifications').execute();
}
