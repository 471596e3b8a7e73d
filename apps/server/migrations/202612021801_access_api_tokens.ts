import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/** Personal API tokens: 256-bit, only the SHA-256 stored; scopes, expiry, last use, revocation. */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'api_tokens')
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    /** Comma-separated, sorted: read, write, admin, metrics. */
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('expires_at', timeType)
    .addColumn('last_used_at', timeType)
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', timeType)
    .execute();
  await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_tokens').execute();
}
