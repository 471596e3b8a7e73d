import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * Mail out (issue 10): every outgoing mail as a row before a job sends it (the durable outbox of
 * mail), its Message-ID kept so that an answer threads back (a third party's answer becomes a
 * non-public article); per-mailbox notification switches; per-group signatures in fa and en.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'outbound_messages')
    .addColumn('ticket_id', refType, (c) => c.references('tickets.id'))
    .addColumn('article_id', refType, (c) => c.references('articles.id'))
    /** reply | third_party | notification */
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('notification_kind', 'text')
    .addColumn('mailbox_id', refType, (c) => c.references('mailboxes.id'))
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text')
    /** JSON arrays of { address, name }. */
    .addColumn('to_json', 'text', (c) => c.notNull())
    .addColumn('cc_json', 'text', (c) => c.notNull())
    .addColumn('bcc_json', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    /** JSON array of { sha256, filename, contentType }. */
    .addColumn('attachments_json', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('in_reply_to', 'text')
    .addColumn('references_header', 'text')
    .addColumn('thread_index', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    /** queued | sent | held | failed */
    .addColumn('status', 'text', (c) => c.notNull())
    /** Why it is held or failed (a code: no_relay, auto_submitted, relay_refused, …). */
    .addColumn('reason', 'text')
    .addColumn('last_error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_by_user_id', refType, (c) => c.references('users.id'))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('sent_at', timeType)
    .execute();
  await db.schema.createIndex('outbound_messages_ticket').on('outbound_messages').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('outbound_messages_article').on('outbound_messages').columns(['article_id']).execute();
  await db.schema.createIndex('outbound_messages_status').on('outbound_messages').columns(['status', 'id']).execute();

  await db.schema
    .createTable('mailbox_notification_switches')
    .addColumn('mailbox_id', refType, (c) => c.notNull().references('mailboxes.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addPrimaryKeyConstraint('mailbox_notification_switches_pk', ['mailbox_id', 'kind'])
    .execute();

  await db.schema
    .createTable('email_group_signatures')
    .addColumn('group_id', refType, (c) => c.primaryKey().references('groups.id'))
    .addColumn('signature_fa', 'text', (c) => c.notNull())
    .addColumn('signature_en', 'text', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_group_signatures').execute();
  await db.schema.dropTable('mailbox_notification_switches').execute();
  await db.schema.dropTable('outbound_messages').execute();
}
