import type { Actor } from '../../../platform/actor.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { recordEvent } from '../../../platform/events/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { accessSettings } from '../access.settings.ts';
import { addFailure, lockKey } from '../auth-failures.repository.ts';
import { accountKey, ipKey } from '../brute-force.ts';
import { findUserByEmail } from '../users.repository.ts';

/**
 * Counts a failed attempt (a wrong password, an unknown email — alike) against the account key and
 * the address, and audits it with the IP. At `access.lock_after_failures` the account key is locked
 * for `access.lock_minutes`; a known, active account is told (`access.account_locked`, for the
 * notification channels) and the lock is audited. Anyone's failure may be recorded: the caller is
 * whoever failed.
 */
export const recordSignInFailure = defineCommand(
  'session.record_failure',
  async (ctx: AccessContext & { sealKeys?: SealKey[] }, input: { actor: Actor; email: string; ip?: string; what?: 'sign_in' | 'totp' }): Promise<{ locked: boolean }> => {
    const now = ctx.clock.now();
    const key = accountKey(input.email);
    const failures = await addFailure(ctx.db, key, now);
    await addFailure(ctx.db, ipKey(input.ip), now);
    const user = await findUserByEmail(ctx.db, input.email);
    await recordAudit(ctx, input.actor, 'session.sign_in_failed', {
      targetType: user ? 'user' : 'email',
      targetId: user ? user.id : input.email.slice(0, 320),
      ip: input.ip ?? null,
      details: { failures, step: input.what ?? 'sign_in' },
    });
    const lockAfter = await accessSettings.get(ctx.db, 'access.lock_after_failures');
    if (failures !== lockAfter) return { locked: false };
    const until = now + (await accessSettings.get(ctx.db, 'access.lock_minutes')) * 60_000;
    await lockKey(ctx.db, key, until);
    if (user && user.active === 1) {
      await recordAudit(ctx, input.actor, 'account.locked', { targetType: 'user', targetId: user.id, ip: input.ip ?? null, details: { until: new Date(until).toISOString() } });
      await recordEvent(ctx.db, ctx.clock, 'access.account_locked', { userId: user.id, to: user.email, language: user.locale === 'en' ? 'en' : 'fa', until });
    }
    return { locked: true };
  },
);
