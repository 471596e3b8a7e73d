import type { Actor } from '../../../platform/actor.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { AccessContext } from '../access.context.ts';
import { issueLink } from '../links.ts';
import { findUserByEmail } from '../users.repository.ts';
import { recordAudit } from '../../audit/index.ts';
import { assertMayAttempt, countAttempt, linkIpKey, resetAccountKey } from '../brute-force.ts';

/**
 * Asks for a password-reset link (anyone, for any email): an active sign-in with that email gets a
 * one-hour link through the notification channels (`access.link_issued`); an unknown or inactive
 * one gets nothing. The caller learns nothing either way: the answer is the same. Requests back off
 * and lock per address asked about and per IP (`countAttempt`), known or not: 429 alike.
 */
export const requestPasswordReset = defineCommand(
  'user.request_password_reset',
  async (ctx: AccessContext & { sealKeys: SealKey[]; config: { publicUrl: string } }, input: { actor: Actor; email: string; ip?: string }, _checked: undefined): Promise<void> => {
    // Every request counts, for known and unknown addresses alike (mail-bombing one inbox, or asking about many).
    await countAttempt(ctx, [resetAccountKey(input.email), linkIpKey(input.ip)]);
    const user = await findUserByEmail(ctx.db, input.email);
    if (!user || user.active !== 1) return;
    await issueLink(ctx, {
      purpose: 'password_reset',
      subject: `user:${user.id}`,
      userId: user.id,
      contactId: null,
      to: user.email,
      language: user.locale === 'en' ? 'en' : 'fa',
    });
    await recordAudit(ctx, input.actor, 'password.reset_requested', { targetType: 'user', targetId: user.id });
  },
  {
    async prepare(ctx, input) {
      await assertMayAttempt(ctx, { account: resetAccountKey(input.email), ip: linkIpKey(input.ip) }, 'auth.too_many_attempts');
      return undefined;
    },
  },
);
