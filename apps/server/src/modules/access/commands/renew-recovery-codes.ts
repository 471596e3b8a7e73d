import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { requireAgentSession, useSecondFactor } from '../second-factor.ts';
import { guessingGuard } from '../brute-force.ts';
import { newRecoveryCodes, recoveryCodeHash } from '../totp.ts';
import { replaceRecoveryCodes } from '../totp.repository.ts';

/** Ten new recovery codes replace the old ones (used or not), proven with a current code; shown once. */
export const renewRecoveryCodes = defineCommand(
  'totp.renew_recovery_codes',
  async (ctx: AccessContext & { sealKeys: SealKey[] }, input: { actor: Actor; code: string; ip?: string }, _guarded: undefined): Promise<{ recoveryCodes: string[] }> => {
    const actor = requireAgentSession(input.actor);
    await useSecondFactor(ctx, actor, actor.userId, input.code, 'auth.totp_code_invalid');
    const recoveryCodes = newRecoveryCodes();
    await replaceRecoveryCodes(ctx.db, actor.userId, recoveryCodes.map(recoveryCodeHash), ctx.clock.now());
    await recordAudit(ctx, actor, 'totp.recovery_codes_renewed', { targetType: 'user', targetId: actor.userId });
    return { recoveryCodes };
  },
  guessingGuard,
);
