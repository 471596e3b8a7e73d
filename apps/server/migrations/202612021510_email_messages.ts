import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * Every inbound message, committed once (dedup_key = Message-ID + SHA-256 of the raw bytes) with
 * what became of it: the ticket and article it made, or why it made none (held, rejected, a loop,
 * a bounce). Addresses known to bounce, and the per-mailbox IMAP lease of the pollers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'email_messages')
    .addColumn('mailbox_id', refType, (c) => c.references('mailboxes.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('raw_sha256', 'text', (c) => c.notNull())
    .addColumn('raw_size', 'integer', (c) => c.notNull())
    /** message_id (or "-") + ":" + raw_sha256: the same message delivered twice is one row. */
    .addColumn('dedup_key', 'text', (c) => c.notNull().unique())
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    /** ticket | article | held | rejected | bounce | looped | ignored */
    .addColumn('state', 'text', (c) => c.notNull())
    /** JSON list: auto_reply, bulk, bounce, id_reused, forwarded_by_agent, stranger_reply, … */
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull())
    .addColumn('ticket_id', refType, (c) => c.references('tickets.id'))
    .addColumn('article_id', refType, (c) => c.references('articles.id'))
    .addColumn('contact_id', refType, (c) => c.references('contacts.id'))
    /** The root of Outlook's Thread-Index (its first 22 bytes, base64): one conversation. */
    .addColumn('thread_root', 'text')
    .addColumn('visible_body', 'text', (c) => c.notNull())
    .addColumn('folded_body', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('received_at', timeType, (c) => c.notNull())
    .addColumn('decided_at', timeType)
    .execute();
  await db.schema.createIndex('email_messages_message_id').on('email_messages').column('message_id').execute();
  await db.schema.createIndex('email_messages_ticket').on('email_messages').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('email_messages_thread_root').on('email_messages').column('thread_root').execute();
  await db.schema.createIndex('email_messages_sender').on('email_messages').columns(['from_address', 'received_at']).execute();
  await db.schema.createIndex('email_messages_state').on('email_messages').columns(['state', 'id']).execute();

  await db.schema
    .createTable('email_bouncing_addresses')
    .addColumn('address_key', 'text', (c) => c.primaryKey())
    .addColumn('first_bounce_at', timeType, (c) => c.notNull())
    .addColumn('last_bounce_at', timeType, (c) => c.notNull())
    .addColumn('bounces', 'integer', (c) => c.notNull())
    .addColumn('last_status', 'text')
    .execute();

  await db.schema
    .createTable('email_mailbox_leases')
    .addColumn('mailbox_id', refType, (c) => c.primaryKey().references('mailboxes.id'))
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('locked_until', timeType, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_mailbox_leases').execute();
  await db.schema.dropTable('email_bouncing_addresses').execute();
  await db.schema.dropTable('email_messages').execute();
}
