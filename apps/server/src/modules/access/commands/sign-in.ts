import type { Actor, ActorSidesLoader } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { decoyHash, verifyPassword } from '../passwords.ts';
import { newSessionToken, sessionExpiry, sessionTimeouts } from '../sessions.ts';
import { insertSession } from '../sessions.repository.ts';
import { findUserByEmail, recordSignIn } from '../users.repository.ts';
import { recordAudit } from '../../audit/index.ts';
import { clearFailures } from '../auth-failures.repository.ts';
import { accountKey, assertMayAttempt, ipKey } from '../brute-force.ts';
import { accessSettings } from '../access.settings.ts';

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
  async (ctx: AccessContext & { actorSides: ActorSidesLoader }, input: SignInInput, checked: { userId: number; passwordHash: string }) => {
    const user = await findUserByEmail(ctx.db, input.email);
    if (!user || user.id !== checked.userId || user.password_hash !== checked.passwordHash || user.active !== 1) {
      throw new DomainError(AccessErrors['auth.invalid_credentials']);
    }
    // Both sides count: a sign-in whose agent and contact are deactivated (or gone) is no way in.
    const sides = await ctx.actorSides(ctx.db, user.id);
    if (!sides.agent && !sides.contact) throw new DomainError(AccessErrors['auth.invalid_credentials']);
    // Only after the password is proved, so the refusal tells nothing to a guesser.
    if (sides.agent && !sides.agent.roles.has('admin') && (await accessSettings.get(ctx.db, 'access.agents_require_sso'))) {
      throw new DomainError(AccessErrors['auth.sso_required']);
    }
    const now = ctx.clock.now();
    await recordSignIn(ctx.db, user.id, now);
    const { token, tokenHash } = newSessionToken();
    const sessionId = await insertSession(ctx.db, {
      tokenHash,
      userId: user.id,
      now,
      expiresAt: sessionExpiry(now, await sessionTimeouts(ctx.db)),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await clearFailures(ctx.db, accountKey(user.email));
    await recordAudit(ctx, input.actor, 'session.sign_in', {
      targetType: 'user',
      targetId: user.id,
      ip: input.ip ?? null,
    });
    return { user, sessionId, token };
  },
  {
    async prepare(ctx, input) {
      await assertMayAttempt(ctx, { account: accountKey(input.email), ip: ipKey(input.ip) });
      const user = await findUserByEmail(ctx.db, input.email);
      const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
      if (!user || !ok || user.active !== 1 || user.password_hash === null) throw new DomainError(AccessErrors['auth.invalid_credentials']);
      return { userId: user.id, passwordHash: user.password_hash };
    },
  },
);
