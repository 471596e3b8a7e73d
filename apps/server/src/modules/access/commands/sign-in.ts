import type { Actor, ActorSidesLoader } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { issueOneTimeToken } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { decoyHash, verifyPassword } from '../passwords.ts';
import { findUserByEmail } from '../users.repository.ts';
import { accountKey, assertMayAttempt, ipKey } from '../brute-force.ts';
import { accessSettings } from '../access.settings.ts';
import { startSession } from '../session-start.ts';
import { hasConfirmedTotp } from '../totp.repository.ts';
import { SECOND_FACTOR_PURPOSE, SECOND_FACTOR_TTL_MS } from '../second-factor.ts';

/**
 * Checks an email and password and starts a session (the actor is whoever asks: anonymous, usually).
 * Unknown email, wrong password and inactive user give the same error after the same work, so the
 * answer does not reveal which accounts exist. Returns the sign-in row and the session's secret token,
 * which the route puts in the cookie — or, for a sign-in with a second factor, no session but a
 * single-use challenge for `completeSecondFactor`. The password is checked before the unit of work
 * opens (argon2 must not hold the database); inside, the sign-in is re-read and must still carry the same hash.
 */
type SignInInput = { actor: Actor; email: string; password: string; ip?: string; userAgent?: string };
type SignInResult =
  | { step: 'session'; user: NonNullable<Awaited<ReturnType<typeof findUserByEmail>>>; sessionId: number; token: string }
  | { step: 'second_factor'; challenge: string; expiresAt: number };

export const signIn = defineCommand(
  'session.sign_in',
  async (ctx: AccessContext & { actorSides: ActorSidesLoader }, input: SignInInput, checked: { userId: number; passwordHash: string }): Promise<SignInResult> => {
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
    if (await hasConfirmedTotp(ctx.db, user.id)) {
      const challenge = await issueOneTimeToken(ctx.db, ctx.clock, { purpose: SECOND_FACTOR_PURPOSE, subject: `user:${user.id}`, ttlMs: SECOND_FACTOR_TTL_MS });
      return { step: 'second_factor', challenge, expiresAt: ctx.clock.now() + SECOND_FACTOR_TTL_MS };
    }
    const { sessionId, token } = await startSession(ctx, input.actor, user, { ip: input.ip, userAgent: input.userAgent });
    return { step: 'session', user, sessionId, token };
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
