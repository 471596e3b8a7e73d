import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/** Issue 10: email templates an admin edited (the built-in defaults live in code) and per-user switches per kind and channel. */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'notification_templates')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by_user_id', refType, (c) => c.references('users.id'))
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('notification_templates_kind_language', ['kind', 'language'])
    .execute();
  await tableWithId(db, 'notification_preferences')
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** in_app | email */
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addUniqueConstraint('notification_preferences_user_kind_channel', ['user_id', 'kind', 'channel'])
    .execute();
  // A notification to a contact without a sign-in has no user: the bell stays for users, mail needs no row here.
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('notification_templates').execute();
}
