import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import type { SealKey } from '../../../platform/crypto/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { requireAgentSession, useSecondFactor } from '../second-factor.ts';
import { guessingGuard } from '../brute-force.ts';
import { deleteTotp } from '../totp.repository.ts';

/** An agent turns their own second factor off, proving it with a current code or a recovery code. */
export const disableTotp = defineCommand(
  'totp.disable',
  async (ctx: AccessContext & { sealKeys: SealKey[] }, input: { actor: Actor; code: string; ip?: string }, _guarded: undefined): Promise<void> => {
    const actor = requireAgentSession(input.actor);
    await useSecondFactor(ctx, actor, actor.userId, input.code, 'auth.totp_code_invalid');
    await deleteTotp(ctx.db, actor.userId);
    await recordAudit(ctx, actor, 'totp.disabled', { targetType: 'user', targetId: actor.userId });
  },
  guessingGuard,
);
