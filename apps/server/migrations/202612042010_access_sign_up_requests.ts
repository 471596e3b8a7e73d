import type { Kysely } from 'kysely';
import { tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

// Portal self sign-up (access.portal_sign_up): what a person asked for until they prove the
// address with the one-time link (`access.sign_up`, subject `sign_up:<id>`). The password is kept
// only as its argon2id hash; a verified or expired request is never used again.
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'sign_up_requests')
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('verified_at', timeType)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_up_requests').execute();
}
