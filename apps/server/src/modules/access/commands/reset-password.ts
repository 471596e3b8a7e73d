import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { consumeOneTimeToken } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { preparePasswordForLink } from '../link-passwords.ts';
import { TOKEN_PURPOSE } from '../links.ts';
import { revokeOtherSessions } from '../sessions.repository.ts';
import { findUserById, setPasswordHash } from '../users.repository.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertMayAttempt, linkIpKey } from '../brute-force.ts';

/**
 * Sets a new password with a reset link (anyone holding it): uses the one-time token, sets the
 * password (rules apply; not the current one), and ends every session of the sign-in.
 * A dead link or an inactive sign-in: 400 auth.link_invalid.
 */
export const resetPassword = defineCommand(
  'user.reset_password',
  async (ctx: AccessContext, input: { actor: Actor; token: string; password: string; ip?: string }, passwordHash: string): Promise<{ userId: number }> => {
    const subject = await consumeOneTimeToken(ctx.db, ctx.clock, { purpose: TOKEN_PURPOSE.password_reset, token: input.token });
    const user = subject?.startsWith('user:') ? await findUserById(ctx.db, Number(subject.slice(5))) : undefined;
    if (!user || user.active !== 1) throw new DomainError(AccessErrors['auth.link_invalid']);
    await setPasswordHash(ctx.db, user.id, passwordHash, ctx.clock.now());
    await revokeOtherSessions(ctx.db, user.id, undefined);
    await recordAudit(ctx, input.actor, 'password.reset', { targetType: 'user', targetId: user.id });
    return { userId: user.id };
  },
  {
    async prepare(ctx, input) {
      await assertMayAttempt(ctx, { ip: linkIpKey(input.ip) });
      return preparePasswordForLink(ctx, TOKEN_PURPOSE.password_reset, input.token, input.password);
    },
  },
);
