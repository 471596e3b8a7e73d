import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * A customer's per-ticket magic links: the hash of a 256-bit token that lets its contact see and
 * answer one ticket without a password, until it expires or is revoked (the contact deactivated).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'ticket_links')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', refType, (c) => c.notNull().references('tickets.id'))
    .addColumn('contact_id', refType, (c) => c.notNull().references('contacts.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('expires_at', timeType, (c) => c.notNull())
    .addColumn('last_used_at', timeType)
    .addColumn('revoked_at', timeType)
    .execute();
  await db.schema.createIndex('ticket_links_contact').on('ticket_links').column('contact_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_links').execute();
}
