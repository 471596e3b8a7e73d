import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { revokeOtherSessions } from '../sessions.repository.ts';
import { findUserById, setPasswordHash } from '../users.repository.ts';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Changes the actor's own password (needs the current one); clears the must-change flag and signs
 * the user out of every other session, so a stolen session does not outlive the old password.
 */
export const changePassword = defineCommand(
  'user.change_password',
  async (ctx: AccessContext, input: { actor: Actor; currentPassword: string; newPassword: string }): Promise<void> => {
    const actor = requireUser(input.actor);
    const user = await findUserById(ctx.db, actor.userId);
    if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) throw new DomainError(AccessErrors['auth.invalid_credentials']);
    if ([...input.newPassword].length < MIN_PASSWORD_LENGTH) throw new DomainError(AccessErrors['auth.weak_password']);
    await setPasswordHash(ctx.db, actor.userId, await hashPassword(input.newPassword), ctx.clock.now());
    await revokeOtherSessions(ctx.db, actor.userId, actor.sessionId);
  },
);
