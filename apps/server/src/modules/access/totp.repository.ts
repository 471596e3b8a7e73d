import type { Db } from '../../schema.ts';

export function findTotp(db: Db, userId: number) {
  return db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** Whether a sign-in has a confirmed second factor. */
export async function hasConfirmedTotp(db: Db, userId: number): Promise<boolean> {
  const row = await db.selectFrom('user_totp').select('id').where('user_id', '=', userId).where('confirmed_at', 'is not', null).executeTakeFirst();
  return row !== undefined;
}

/** A new pending secret (replacing an unconfirmed one). */
export async function savePendingTotp(db: Db, userId: number, secretSealed: string, now: number): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db.insertInto('user_totp').values({ user_id: userId, secret_sealed: secretSealed, confirmed_at: null, last_time_step: null, created_at: now, updated_at: now }).execute();
}

export async function confirmTotp(db: Db, userId: number, timeStep: number, now: number): Promise<void> {
  await db.updateTable('user_totp').set({ confirmed_at: now, last_time_step: timeStep, updated_at: now }).where('user_id', '=', userId).execute();
}

/** Records the step of an accepted code, only if it is later than the last (two racing uses of one code: one wins). */
export async function useTimeStep(db: Db, userId: number, timeStep: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('user_totp')
    .set({ last_time_step: timeStep, updated_at: now })
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('last_time_step', 'is', null), eb('last_time_step', '<', timeStep)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the second factor and its recovery codes (disabled by the user, or reset by an admin). */
export async function deleteTotp(db: Db, userId: number): Promise<boolean> {
  await db.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute();
  const result = await db.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function replaceRecoveryCodes(db: Db, userId: number, hashes: readonly string[], now: number): Promise<void> {
  await db.deleteFrom('totp_recovery_codes').where('user_id', '=', userId).execute();
  await db.insertInto('totp_recovery_codes').values(hashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null, created_at: now }))).execute();
}

/** Uses an unused recovery code once; false when there is none with that hash. */
export async function useRecoveryCode(db: Db, userId: number, codeHash: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('totp_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unusedRecoveryCodeCount(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('totp_recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every stored TOTP secret, sealed, for the secret rotation. */
export function listSealedTotpSecrets(db: Db) {
  return db.selectFrom('user_totp').select(['user_id', 'secret_sealed']).execute();
}

export async function storeSealedTotpSecret(db: Db, userId: number, secretSealed: string): Promise<void> {
  await db.updateTable('user_totp').set({ secret_sealed: secretSealed }).where('user_id', '=', userId).execute();
}
