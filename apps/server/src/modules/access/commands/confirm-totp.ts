import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { requireAgentSession } from '../second-factor.ts';
import { matchTotpCode, newRecoveryCodes, openTotpSecret, recoveryCodeHash } from '../totp.ts';
import { confirmTotp, findTotp, replaceRecoveryCodes } from '../totp.repository.ts';

/**
 * The first code from the authenticator app confirms the pending secret: from now on sign-in asks
 * for a code. Returns ten recovery codes, shown this once (only their hashes are kept).
 */
export const confirmTotpEnrolment = defineCommand(
  'totp.confirm',
  async (ctx: AccessContext & { sealKeys: SealKey[] }, input: { actor: Actor; code: string }): Promise<{ recoveryCodes: string[] }> => {
    const actor = requireAgentSession(input.actor);
    const row = await findTotp(ctx.db, actor.userId);
    if (!row) throw new DomainError(AccessErrors['auth.totp_not_pending']);
    if (row.confirmed_at !== null) throw new DomainError(AccessErrors['auth.totp_already_enabled']);
    const now = ctx.clock.now();
    const step = await matchTotpCode(openTotpSecret(ctx.sealKeys, actor.userId, row.secret_sealed), input.code, now, null);
    if (step === null) throw new DomainError(AccessErrors['auth.totp_code_invalid']);
    await confirmTotp(ctx.db, actor.userId, step, now);
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(ctx.db, actor.userId, recoveryCodes.map(recoveryCodeHash), now);
    await recordAudit(ctx, actor, 'totp.enrolled', { targetType: 'user', targetId: actor.userId });
    return { recoveryCodes };
  },
);
