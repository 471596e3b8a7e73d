import type { Actor, ActorSidesLoader } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { consumeOneTimeToken, type SealKey } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { accountKey, assertMayAttempt, ipKey } from '../brute-force.ts';
import { SECOND_FACTOR_PURPOSE, useSecondFactor, userOfChallenge } from '../second-factor.ts';
import { startSession } from '../session-start.ts';

type Input = { actor: Actor; challenge: string; code: string; ip?: string; userAgent?: string };

/**
 * The sign-in's second step: the challenge of a right password plus a code of the sign-in's
 * authenticator (or a recovery code) starts the session. An unknown, used or expired challenge is
 * `401 auth.second_factor_expired`; a wrong code `401 auth.second_factor_invalid` (the challenge
 * stays usable until it expires, and the failure counts against the account like a wrong password).
 */
export const completeSecondFactor = defineCommand(
  'session.second_factor',
  async (ctx: AccessContext & { actorSides: ActorSidesLoader; sealKeys: SealKey[] }, input: Input, _checked: undefined) => {
    const user = await userOfChallenge(ctx, input.challenge);
    if (!user || user.active !== 1) throw new DomainError(AccessErrors['auth.second_factor_expired']);
    const sides = await ctx.actorSides(ctx.db, user.id);
    if (!sides.agent && !sides.contact) throw new DomainError(AccessErrors['auth.second_factor_expired']);
    const secondFactor = await useSecondFactor(ctx, input.actor, user.id, input.code, 'auth.second_factor_invalid');
    if ((await consumeOneTimeToken(ctx.db, ctx.clock, { purpose: SECOND_FACTOR_PURPOSE, token: input.challenge })) === null) {
      throw new DomainError(AccessErrors['auth.second_factor_expired']);
    }
    const { sessionId, token } = await startSession(ctx, input.actor, user, { ip: input.ip, userAgent: input.userAgent, secondFactor });
    return { user, sessionId, token };
  },
  {
    async prepare(ctx, input) {
      const user = await userOfChallenge(ctx, input.challenge);
      if (!user) throw new DomainError(AccessErrors['auth.second_factor_expired']);
      await assertMayAttempt(ctx, { account: accountKey(user.email), ip: ipKey(input.ip) });
      return undefined;
    },
  },
);
