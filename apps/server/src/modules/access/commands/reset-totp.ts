import { hasRole, isTrustedSystem, type Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError, forbidden, notFound } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { deleteTotp } from '../totp.repository.ts';
import { findUserById } from '../users.repository.ts';

/** An admin removes someone's second factor (a lost phone, no recovery code left): they sign in with the password and may enrol again. Audited. */
export const resetTotp = defineCommand('totp.reset', async (ctx: AccessContext, input: { actor: Actor; userId: number }): Promise<void> => {
  if (!isTrustedSystem(input.actor) && !hasRole(input.actor, 'admin')) throw forbidden('totp.reset');
  const user = await findUserById(ctx.db, input.userId);
  if (!user) throw notFound('user');
  if (!(await deleteTotp(ctx.db, user.id))) throw new DomainError(AccessErrors['auth.totp_not_enabled']);
  await recordAudit(ctx, input.actor, 'totp.reset', { targetType: 'user', targetId: user.id });
});
