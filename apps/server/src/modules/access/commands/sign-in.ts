import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { decoyHash, verifyPassword } from '../passwords.ts';
import { newSessionToken, sessionExpiry } from '../sessions.ts';
import { insertSession } from '../sessions.repository.ts';
import { findUserByEmail, recordSignIn } from '../users.repository.ts';

/**
 * Checks an email and password and starts a session (the actor is whoever asks: anonymous, usually).
 * Unknown email, wrong password and inactive user give the same error after the same work, so the
 * answer does not reveal which accounts exist. Returns the sign-in row and the session's secret token,
 * which the route puts in the cookie. The password is checked before the unit of work opens (argon2
 * must not hold the database); inside, the sign-in is re-read and must still carry the same hash.
 */
type SignInInput = { actor: Actor; email: string; password: string; ip?: string; userAgent?: string };

export const signIn = defineCommand(
  'session.sign_in',
  async (ctx: AccessContext, input: SignInInput, checked: { userId: number; passwordHash: string }) => {
    const user = await findUserByEmail(ctx.db, input.email);
    if (!user || user.id !== checked.userId || user.password_hash !== checked.passwordHash || user.active !== 1) {
      throw new DomainError(AccessErrors['auth.invalid_credentials']);
    }
    const now = ctx.clock.now();
    await recordSignIn(ctx.db, user.id, now);
    const { token, tokenHash } = newSessionToken();
    const sessionId = await insertSession(ctx.db, {
      tokenHash,
      userId: user.id,
      now,
      expiresAt: sessionExpiry(now),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    return { user, sessionId, token };
  },
  {
    async prepare(ctx, input) {
      const user = await findUserByEmail(ctx.db, input.email);
      const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
      if (!user || !ok || user.active !== 1 || user.password_hash === null) throw new DomainError(AccessErrors['auth.invalid_credentials']);
      return { userId: user.id, passwordHash: user.password_hash };
    },
  },
);
