import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { requireAgentSession } from '../second-factor.ts';
import { newTotpSecret, otpauthUri, sealTotpSecret } from '../totp.ts';
import { findTotp, savePendingTotp } from '../totp.repository.ts';

/**
 * An agent starts enrolling a second factor: a fresh secret, sealed, pending until a code confirms
 * it (starting again replaces a pending one; a confirmed one must be disabled first). Returns the
 * secret (for typing in) and its otpauth URI (for the QR code).
 */
export const startTotpEnrolment = defineCommand(
  'totp.start_enrolment',
  async (ctx: AccessContext & { sealKeys: SealKey[] }, input: { actor: Actor }): Promise<{ secret: string; uri: string }> => {
    const actor = requireAgentSession(input.actor);
    const existing = await findTotp(ctx.db, actor.userId);
    if (existing?.confirmed_at != null) throw new DomainError(AccessErrors['auth.totp_already_enabled']);
    const secret = newTotpSecret();
    await savePendingTotp(ctx.db, actor.userId, sealTotpSecret(ctx.sealKeys, actor.userId, secret), ctx.clock.now());
    await recordAudit(ctx, actor, 'totp.enrolment_started', { targetType: 'user', targetId: actor.userId });
    return { secret, uri: otpauthUri(secret, actor.email) };
  },
);
