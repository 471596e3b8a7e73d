import type { Kysely } from 'kysely';
import { refType } from '../src/platform/db/schema-helpers.ts';

// Articles a channel writes for a contact (mail, SMS) have no sign-in behind them: the contact is
// the author. And text a channel brings in that the databases cannot store (U+0000, lone
// surrogates) is stored with U+FFFD, keeping the raw input beside it (JSON of the original body).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('author_contact_id', refType, (c) => c.references('contacts.id')).execute();
  await db.schema.alterTable('articles').addColumn('raw_body', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').dropColumn('raw_body').execute();
  await db.schema.alterTable('articles').dropColumn('author_contact_id').execute();
}
