import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/** Who changed what on a contact: first of all who linked a sign-in to it (an admin, or later the person). */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'contact_history')
    .addColumn('contact_id', refType, (c) => c.notNull().references('contacts.id'))
    .addColumn('actor_user_id', refType, (c) => c.references('users.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_history_contact').on('contact_history').columns(['contact_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('contact_history').execute();
}
