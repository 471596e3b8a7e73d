import type { Actor } from '../../../platform/actor.ts';
import { defineCommand } from '../../../platform/commands/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import { requireUser } from '../../../platform/policy/index.ts';
import type { AccessContext } from '../access.context.ts';
import { AccessErrors } from '../access.errors.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { assertAcceptablePassword } from '../password-rules.ts';
import { revokeOtherSessions } from '../sessions.repository.ts';
import { findUserById, setPasswordHash } from '../users.repository.ts';
import { recordAudit } from '../../audit/index.ts';

/**
 * Changes the actor's own password (needs the current one: a wrong one says so); clears the
 * must-change flag and signs the user out of every other session, so a stolen session does not
 * outlive the old password. The new one follows the password rules and is not the current one (a
 * one-time password cannot be "changed" to itself). Checking and hashing run before the unit of
 * work (argon2 must not hold the database); inside, the stored hash must still be the one checked.
 * Returns whether a generated one-time password was replaced (the route then deletes its file).
 */
export const changePassword = defineCommand(
  'user.change_password',
  async (
    ctx: AccessContext,
    input: { actor: Actor; currentPassword: string; newPassword: string },
    hashes: { checked: string; next: string },
  ): Promise<{ replacedOneTime: boolean }> => {
    const actor = requireUser(input.actor);
    const user = await findUserById(ctx.db, actor.userId);
    if (!user || user.password_hash !== hashes.checked) throw new DomainError(AccessErrors['auth.wrong_current_password']);
    await setPasswordHash(ctx.db, actor.userId, hashes.next, ctx.clock.now());
    await revokeOtherSessions(ctx.db, actor.userId, actor.sessionId);
    await recordAudit(ctx, actor, 'password.changed', { targetType: 'user', targetId: actor.userId });
    return { replacedOneTime: user.must_change_password === 1 };
  },
  {
    async prepare(ctx, input) {
      const actor = requireUser(input.actor);
      const user = await findUserById(ctx.db, actor.userId);
      if (!user || user.password_hash === null || !(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new DomainError(AccessErrors['auth.wrong_current_password']);
      }
      assertAcceptablePassword(input.newPassword, [input.currentPassword]);
      return { checked: user.password_hash, next: await hashPassword(input.newPassword) };
    },
  },
);
