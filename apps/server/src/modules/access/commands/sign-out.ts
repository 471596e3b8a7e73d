import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AccessContext } from '../access.context.ts';
import { deleteSessionOfUser } from '../sessions.repository.ts';
import { recordAudit } from '../../audit/index.ts';

/**
 * Signs the actor out of the session the request came with (the route clears the cookie). A token
 * caller has no session to end: nothing changes.
 */
export const signOut = defineCommand('session.sign_out', async (ctx: AccessContext, input: { actor: Actor }): Promise<void> => {
  const actor = requireUser(input.actor);
  if (actor.sessionId === undefined) return;
  await deleteSessionOfUser(ctx.db, actor.sessionId, actor.userId);
  await recordAudit(ctx, actor, 'session.sign_out', { targetType: 'user', targetId: actor.userId });
});
