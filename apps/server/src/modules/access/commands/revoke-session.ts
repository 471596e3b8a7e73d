import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { authorize } from '../../../platform/policy/index.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { findSession, deleteSessionOfUser } from '../sessions.repository.ts';
import { tokenPolicy } from '../tokens.policy.ts';

/** Ends one session: your own (any of your devices), or anyone's for an admin; someone else's is 404 to others. Audited. */
export const revokeSession = defineCommand('session.revoke', async (ctx: AccessContext, input: { actor: Actor; id: number }): Promise<void> => {
  const session = await findSession(ctx.db, input.id);
  // The same rule as a token's: the owner, or an admin.
  authorize({ ...tokenPolicy, entity: 'session' }, input.actor, 'revoke', session);
  await deleteSessionOfUser(ctx.db, session!.id, session!.user_id);
  await recordAudit(ctx, input.actor, 'session.revoked', { targetType: 'user', targetId: session!.user_id, details: { sessionId: session!.id } });
});
