import type { Actor } from '../../../platform/actor.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { accessSettings } from '../access.settings.ts';
import { assertMayAttempt, countAttempt, linkIpKey, signUpAccountKey } from '../brute-force.ts';
import { issueLink } from '../links.ts';
import { assertAcceptablePassword } from '../password-rules.ts';
import { hashPassword } from '../passwords.ts';
import { insertSignUpRequest } from '../sign-ups.repository.ts';
import { findUserByEmail } from '../users.repository.ts';

/**
 * A customer asks for a portal sign-in (anyone, when `access.portal_sign_up` is on; else 403
 * auth.sign_up_disabled). The answer is the same for every address and takes the same work (the
 * password is hashed either way, in `prepare`): a new address gets a one-hour verification link
 * (`access.sign_up`, subject `sign_up:<request id>`); an address that already is a sign-in gets a
 * password-reset link instead ("you already have an account"). Requests back off and lock per
 * address asked about and per IP, as reset requests do.
 */
export const requestSignUp = defineCommand(
  'user.request_sign_up',
  async (
    ctx: AccessContext & { sealKeys: SealKey[]; config: { publicUrl: string } },
    input: { actor: Actor; name: string; email: string; password: string; language: 'fa' | 'en'; ip?: string },
    passwordHash: string,
  ): Promise<void> => {
    await countAttempt(ctx, [signUpAccountKey(input.email), linkIpKey(input.ip)]);
    const user = await findUserByEmail(ctx.db, input.email);
    if (user) {
      if (user.active !== 1) return;
      await issueLink(ctx, { purpose: 'password_reset', subject: `user:${user.id}`, userId: user.id, contactId: null, to: user.email, language: user.locale === 'en' ? 'en' : 'fa' });
      await recordAudit(ctx, input.actor, 'sign_up.requested', { targetType: 'user', targetId: user.id, ...(input.ip ? { ip: input.ip } : {}), details: { existing: true } });
      return;
    }
    const now = ctx.clock.now();
    const id = await insertSignUpRequest(ctx.db, { email: input.email, name: input.name, language: input.language, passwordHash, now });
    await issueLink(ctx, { purpose: 'sign_up', subject: `sign_up:${id}`, userId: null, contactId: null, to: input.email.trim(), language: input.language });
    await recordAudit(ctx, input.actor, 'sign_up.requested', { targetType: 'sign_up', targetId: id, ...(input.ip ? { ip: input.ip } : {}), details: { existing: false } });
  },
  {
    async prepare(ctx, input) {
      if (!(await accessSettings.get(ctx.db, 'access.portal_sign_up'))) throw new DomainError(AccessErrors['auth.sign_up_disabled']);
      await assertMayAttempt(ctx, { account: signUpAccountKey(input.email), ip: linkIpKey(input.ip) }, 'auth.too_many_attempts');
      assertAcceptablePassword(input.password);
      // Hashed for every request, known address or not: the answer takes the same time.
      return hashPassword(input.password);
    },
  },
);
