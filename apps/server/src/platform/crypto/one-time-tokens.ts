import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/index.ts';
import type { PlatformTables } from '../db/tables.ts';
import { sha256Hex } from './keys.ts';

/** A fresh 256-bit random token, URL-safe. Only its SHA-256 is ever stored. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Issues a single-use token for a purpose (e.g. "password_reset") and subject (e.g. a user id).
 * Returns the token to hand out; the database keeps only its hash.
 */
export async function issueOneTimeToken(
  db: Kysely<any>,
  clock: Clock,
  input: { purpose: string; subject: string; ttlMs: number },
): Promise<string> {
  const token = randomToken();
  const now = clock.now();
  await (db as Kysely<PlatformTables>)
    .insertInto('one_time_tokens')
    .values({ token_hash: sha256Hex(token), purpose: input.purpose, subject: input.subject, expires_at: now + input.ttlMs, created_at: now })
    .execute();
  return token;
}

/**
 * Uses a token once: returns its subject, or null when it is unknown, for another purpose,
 * expired or already used. The single conditional UPDATE makes concurrent use safe.
 */
export async function consumeOneTimeToken(db: Kysely<any>, clock: Clock, input: { purpose: string; token: string }): Promise<string | null> {
  const now = clock.now();
  const row = await (db as Kysely<PlatformTables>)
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', sha256Hex(input.token))
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('subject')
    .executeTakeFirst();
  return row?.subject ?? null;
}

/**
 * Reads a token without using it: its subject while it is unused and unexpired, else null. For
 * pages that show what a link would do (a GET must change nothing, since mail scanners open links).
 */
export async function peekOneTimeToken(db: Kysely<any>, clock: Clock, input: { purpose: string; token: string }): Promise<string | null> {
  const row = await (db as Kysely<PlatformTables>)
    .selectFrom('one_time_tokens')
    .select('subject')
    .where('token_hash', '=', sha256Hex(input.token))
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', clock.now())
    .executeTakeFirst();
  return row?.subject ?? null;
}
