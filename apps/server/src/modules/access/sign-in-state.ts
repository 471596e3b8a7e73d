import { normalizeEmail } from '@pishkhan/text';
import { CommonErrors, DomainError } from '../../platform/http/errors.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { revokeOtherSessions } from './sessions.repository.ts';
import { revokeApiTokensOfUser } from './tokens.repository.ts';
import { findUserByEmail, findUserById, updateSignIn } from './users.repository.ts';

/**
 * Ends every way a sign-in is in (all sessions, all API tokens), in the caller's unit of work: an
 * agent or contact deactivated. The next request of any of them is anonymous (or 401 for a token).
 */
export async function revokeSignIn(ctx: { db: Db; clock: Clock }, userId: number): Promise<void> {
  await revokeOtherSessions(ctx.db, userId, undefined);
  await revokeApiTokensOfUser(ctx.db, userId, ctx.clock.now());
}

/** An admin changes a sign-in's email and/or language (409 `record.conflict` field email when taken); returns the old email. */
export async function changeSignIn(ctx: { db: Db; clock: Clock }, userId: number, change: { email?: string | undefined; locale?: 'fa' | 'en' | undefined }): Promise<string | undefined> {
  const now = ctx.clock.now();
  let old: string | undefined;
  if (change.email !== undefined) {
    const taken = await findUserByEmail(ctx.db, change.email);
    if (taken && taken.id !== userId) throw new DomainError(CommonErrors['record.conflict'], { field: 'email' });
    old = (await findUserById(ctx.db, userId))?.email;
  }
  await updateSignIn(ctx.db, userId, {
    ...(change.email !== undefined ? { email: change.email.trim(), email_normalized: normalizeEmail(change.email) } : {}),
    ...(change.locale !== undefined ? { locale: change.locale } : {}),
    updated_at: now,
  });
  return old;
}
