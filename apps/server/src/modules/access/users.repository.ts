import { normalizeEmail } from '@pishkhan/text';
import type { Db } from '../../schema.ts';

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email_normalized', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  input: { email: string; passwordHash: string | null; mustChangePassword: boolean; locale: 'fa' | 'en'; now: number },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: input.email.trim(),
      email_normalized: normalizeEmail(input.email),
      password_hash: input.passwordHash,
      must_change_password: input.mustChangePassword ? 1 : 0,
      locale: input.locale,
      calendar: 'jalali',
      active: 1,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sign-in emails of several users in one query (other modules present them, e.g. an agent's email). */
export async function userEmails(db: Db, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'email']).where('id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.id, r.email]));
}

/** Those of `userIds` whose sign-in is active, in one query (e.g. who may still be notified). */
export async function activeUserIds(db: Db, userIds: readonly number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('id', 'in', [...new Set(userIds)]).where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

/** The sign-in columns an actor is built from, by user id. */
export function findSignInRow(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'locale', 'must_change_password', 'active']).where('id', '=', userId).executeTakeFirst();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recordSignIn(db: Db, userId: number, now: number): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', userId).execute();
}

/** A new password hash, and the must-change flag cleared (the user chose it). */
export async function setPasswordHash(db: Db, userId: number, passwordHash: string, now: number): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: now }).where('id', '=', userId).execute();
}

/** The language each of several users reads the desk in (their locale), in one query: notifications speak it. */
export async function userLocales(db: Db, userIds: readonly number[]): Promise<Map<number, 'fa' | 'en'>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'locale']).where('id', 'in', [...new Set(userIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.locale === 'en' ? 'en' : 'fa']));
}

/** Deactivates or reactivates a sign-in (deactivating an agent or contact; the last side gone). */
export async function setUserActive(db: Db, userId: number, active: boolean, now: number): Promise<void> {
  await db.updateTable('users').set({ active: active ? 1 : 0, updated_at: now }).where('id', '=', userId).execute();
}

/** An admin's change of a sign-in's email or language. */
export async function updateSignIn(db: Db, userId: number, set: { email?: string; email_normalized?: string; locale?: string; updated_at: number }): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', userId).execute();
}
