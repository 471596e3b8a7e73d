import type { Kysely } from 'kysely';

/**
 * Mail in records what mail out needs of the latest customer mail (reply-all, threading): its Cc's,
 * References and Thread-Index. Older rows get none (an empty Cc list, no headers).
 */
export async function up(db: Kysely<any>): Promise<void> {
  /** JSON array of { address, name } (the Cc header as parsed). */
  await db.schema.alterTable('email_messages').addColumn('cc_json', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('email_messages').addColumn('references_header', 'text').execute();
  await db.schema.alterTable('email_messages').addColumn('thread_index', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('email_messages').dropColumn('thread_index').execute();
  await db.schema.alterTable('email_messages').dropColumn('references_header').execute();
  await db.schema.alterTable('email_messages').dropColumn('cc_json').execute();
}
