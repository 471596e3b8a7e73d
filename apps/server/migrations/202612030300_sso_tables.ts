import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * Single sign-on (modules/sso): LDAP directories and OpenID Connect providers (secrets sealed with
 * platform/crypto, the row id in the seal context), the outside identities linked to sign-ins, and
 * the report of every directory sync.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'sso_directories')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('bind_dn', 'text', (c) => c.notNull())
    .addColumn('bind_password_sealed', 'text', (c) => c.notNull())
    /** PEM of the CA that signed the directory's certificate (an internal CA, usual for AD); null: Node's CAs. */
    .addColumn('tls_ca_certificate', 'text')
    /** 1: upgrade an ldap:// connection with StartTLS before any bind. */
    .addColumn('start_tls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_base', 'text', (c) => c.notNull())
    .addColumn('user_filter', 'text', (c) => c.notNull())
    .addColumn('group_base', 'text')
    .addColumn('group_filter', 'text', (c) => c.notNull())
    .addColumn('attributes', 'text', (c) => c.notNull())
    .addColumn('group_mappings', 'text', (c) => c.notNull())
    .addColumn('unmapped_as', 'text', (c) => c.notNull())
    .addColumn('sync_every_minutes', 'integer')
    .addColumn('last_synced_at', timeType)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await tableWithId(db, 'sso_oidc_providers')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('issuer_url', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_sealed', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('roles_claim', 'text', (c) => c.notNull())
    .addColumn('claim_mappings', 'text', (c) => c.notNull())
    .addColumn('unmapped_as', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await tableWithId(db, 'sso_identities')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', refType, (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id'))
    .addColumn('login', 'text')
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('last_seen_at', timeType, (c) => c.notNull())
    .addUniqueConstraint('sso_identities_subject', ['source_kind', 'source_id', 'subject'])
    .execute();
  await db.schema.createIndex('sso_identities_user').on('sso_identities').column('user_id').execute();

  await tableWithId(db, 'sso_sync_runs')
    .addColumn('directory_id', refType, (c) => c.notNull().references('sso_directories.id'))
    .addColumn('started_at', timeType, (c) => c.notNull())
    .addColumn('finished_at', timeType, (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sso_sync_runs_directory').on('sso_sync_runs').columns(['directory_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sso_sync_runs').execute();
  await db.schema.dropTable('sso_identities').execute();
  await db.schema.dropTable('sso_oidc_providers').execute();
  await db.schema.dropTable('sso_directories').execute();
}
