import type { Clock } from '../../../platform/clock/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { revokeOtherSessions } from '../sessions.ts';
import { transaction } from '../../../platform/db/index.ts';
import { AccessErrors } from '../access.errors.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;

/**
 * Changes a user's own password (needs the current one); clears the must-change flag and signs
 * the user out of every other session, so a stolen session does not outlive the old password.
 */
export async function changePassword(
  db: Db,
  clock: Clock,
  input: { userId: number; currentPassword: string; newPassword: string; keepSessionId?: number },
): Promise<void> {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new DomainError(AccessErrors['auth.invalid_credentials']);
  if ([...input.newPassword].length < MIN_PASSWORD_LENGTH) throw new DomainError(AccessErrors['auth.weak_password']);
  const passwordHash = await hashPassword(input.newPassword);
  await transaction(db, async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: clock.now() }).where('id', '=', input.userId).execute();
    await revokeOtherSessions(trx, input.userId, input.keepSessionId);
  });
}
