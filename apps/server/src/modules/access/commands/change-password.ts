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
 * Checking and hashing run before the unit of work (argon2 must not hold the database); inside, the
 * stored hash must still be the one checked (a concurrent change wins, this one is refused).
 */
export const changePassword = defineCommand(
  'user.change_password',
  async (
    ctx: AccessContext,
    input: { actor: Actor; currentPassword: string; newPassword: string },
    hashes: { checked: string; next: string },
  ): Promise<void> => {
    const actor = requireUser(input.actor);
    const user = await findUserById(ctx.db, actor.userId);
    if (!user || user.password_hash !== hashes.checked) throw new DomainError(AccessErrors['auth.invalid_credentials']);
    await setPasswordHash(ctx.db, actor.userId, hashes.next, ctx.clock.now());
    await revokeOtherSessions(ctx.db, actor.userId, actor.sessionId);
  },
  {
    async prepare(ctx, input) {
      const actor = requireUser(input.actor);
      const user = await findUserById(ctx.db, actor.userId);
      if (!user || user.password_hash === null || !(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new DomainError(AccessErrors['auth.invalid_credentials']);
      }
      if ([...input.newPassword].length < MIN_PASSWORD_LENGTH) throw new DomainError(AccessErrors['auth.weak_password']);
      return { checked: user.password_hash, next: await hashPassword(input.newPassword) };
    },
  },
);
