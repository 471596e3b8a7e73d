import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import type { AccessContext } from '../access.context.ts';
import { tokenPolicy } from '../tokens.policy.ts';
import { findApiToken, revokeApiToken } from '../tokens.repository.ts';
import { recordAudit } from '../../audit/index.ts';

/** Revokes a token: its owner, or an admin (anyone's). Someone else's token is 404 to everyone else. */
export const revokeApiTokenCommand = defineCommand('token.revoke', async (ctx: AccessContext, input: { actor: Actor; id: number }): Promise<void> => {
  const row = await findApiToken(ctx.db, input.id);
  authorize(tokenPolicy, input.actor, 'revoke', row);
  await revokeApiToken(ctx.db, row!.id, ctx.clock.now());
  await recordAudit(ctx, input.actor, 'token.revoked', { targetType: 'api_token', targetId: row!.id, details: { ownerUserId: row!.user_id } });
});
