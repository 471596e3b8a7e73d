import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * Mailboxes (an address Pishkhan reads and sends from, routed to a group) and the per-ticket token
 * that outgoing Message-IDs carry. Passwords are sealed (platform/crypto) with the row id as context.
 * The token itself is never stored: it is an HMAC of the installation secret over the ticket id and
 * the random salt kept here, so the table alone does not let anyone forge a reference.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'mailboxes')
    .addColumn('address', 'text', (c) => c.notNull())
    /** Lower-cased address: the unique key and what the SMTP receiver matches a recipient against. */
    .addColumn('address_key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('group_id', refType, (c) => c.notNull().references('groups.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('imap_host', 'text')
    .addColumn('imap_port', 'integer')
    .addColumn('imap_tls', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('imap_user', 'text')
    .addColumn('imap_password_sealed', 'text')
    .addColumn('imap_folder', 'text', (c) => c.notNull().defaultTo('INBOX'))
    .addColumn('imap_processed_folder', 'text')
    .addColumn('imap_rejected_folder', 'text', (c) => c.notNull().defaultTo('Pishkhan-rejected'))
    .addColumn('relay_host', 'text')
    .addColumn('relay_port', 'integer')
    .addColumn('relay_security', 'text', (c) => c.notNull().defaultTo('starttls'))
    .addColumn('relay_user', 'text')
    .addColumn('relay_password_sealed', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_ticket_tokens')
    .addColumn('ticket_id', refType, (c) => c.primaryKey().references('tickets.id'))
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_ticket_tokens').execute();
  await db.schema.dropTable('mailboxes').execute();
}
