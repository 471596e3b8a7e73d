import type { Kysely } from 'kysely';
import { refType, tableWithId, timeType } from '../src/platform/db/schema-helpers.ts';

/**
 * TOTP second factor: one secret per sign-in (sealed; pending until confirmed with a code), the last
 * time step used (a code works once), and ten single-use recovery codes (only their SHA-256).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tableWithId(db, 'user_totp')
    .addColumn('user_id', refType, (c) => c.notNull().unique().references('users.id'))
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', timeType)
    .addColumn('last_time_step', timeType)
    .addColumn('created_at', timeType, (c) => c.notNull())
    .addColumn('updated_at', timeType, (c) => c.notNull())
    .execute();
  await tableWithId(db, 'totp_recovery_codes')
    .addColumn('user_id', refType, (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', timeType)
    .addColumn('created_at', timeType, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('totp_recovery_codes_user').on('totp_recovery_codes').columns(['user_id', 'code_hash']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('totp_recovery_codes').execute();
  await db.schema.dropTable('user_totp').execute();
}
