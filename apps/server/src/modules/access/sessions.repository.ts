import type { Db } from '../../schema.ts';

/** All SQL on `sessions` (one row per signed-in browser; only the token's SHA-256 is stored). */

export async function insertSession(
  db: Db,
  row: { tokenHash: string; userId: number; now: number; expiresAt: number; ip: string | null; userAgent: string | null },
): Promise<number> {
  const { id } = await db
    .insertInto('sessions')
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The session of a token hash with the columns of its sign-in the actor is built from, in one query. */
export function findSessionWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.user_id', 'sessions.created_at', 'sessions.expires_at', 'sessions.last_seen_at', 'users.email', 'users.locale', 'users.must_change_password', 'users.active'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Sliding expiry: the session was seen now and lives on from here. */
export async function touchSession(db: Db, id: number, now: number, expiresAt: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

/** Signs a user out everywhere but `keepSessionId` (after a password change). */
export async function revokeOtherSessions(db: Db, userId: number, keepSessionId: number | undefined): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId !== undefined) q = q.where('id', '<>', keepSessionId);
  await q.execute();
}

/** Expired sessions are of no use to anyone: a daily sweep deletes them. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Ends one session of a user (sign-out); a session of another user is left alone. */
export async function deleteSessionOfUser(db: Db, sessionId: number, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).execute();
}

/** A user's live sessions, newest first (what "signed in on these devices" lists). */
export function listSessionsOfUser(db: Db, userId: number, now: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
}

export function findSession(db: Db, id: number) {
  return db.selectFrom('sessions').select(['id', 'user_id']).where('id', '=', id).executeTakeFirst();
}
