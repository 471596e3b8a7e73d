import { hasRole, isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { forbidden, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { clearFailures } from '../auth-failures.repository.ts';
import { accountKey } from '../brute-force.ts';
import { findUserById } from '../users.repository.ts';

/** An admin ends a sign-in's temporary lock (and its back-off) at once; audited. */
export const unlockUser = defineCommand('user.unlock', async (ctx: AccessContext, input: { actor: Actor; userId: number }): Promise<void> => {
  if (!isTrustedSystem(input.actor) && !hasRole(input.actor, 'admin')) throw forbidden('unlock');
  const user = await findUserById(ctx.db, input.userId);
  if (!user) throw notFound('user');
  await clearFailures(ctx.db, accountKey(user.email));
  await recordAudit(ctx, input.actor, 'account.unlocked', { targetType: 'user', targetId: user.id });
});
