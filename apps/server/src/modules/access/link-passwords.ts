import { peekOneTimeToken } from '../../platform/crypto/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { assertAcceptablePassword } from './password-rules.ts';
import { findUserById } from './users.repository.ts';

/**
 * The read-only half of setting a password through a link (invitation, reset): the password rules,
 * "not the current password" against the sign-in the token names (peeked, not used), and argon2 —
 * all before the unit of work. A dead token is not refused here: the command's consume decides.
 */
export async function preparePasswordForLink(ctx: { db: Db; clock: Clock }, purpose: string, token: string, password: string): Promise<string> {
  assertAcceptablePassword(password);
  const subject = await peekOneTimeToken(ctx.db, ctx.clock, { purpose, token });
  const userId = subject?.startsWith('user:') ? Number(subject.slice(5)) : undefined;
  const user = userId === undefined ? undefined : await findUserById(ctx.db, userId);
  if (user?.password_hash && (await verifyPassword(user.password_hash, password))) assertAcceptablePassword(password, [password]);
  return hashPassword(password);
}
