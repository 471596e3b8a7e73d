import type { Clock } from '../../../platform/clock/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { AccessErrors } from '../access.errors.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;

/** Changes a user's own password (needs the current one); clears the must-change flag. */
export async function changePassword(
  db: Db,
  clock: Clock,
  input: { userId: number; currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw new DomainError(AccessErrors['auth.invalid_credentials']);
  if ([...input.newPassword].length < MIN_PASSWORD_LENGTH) throw new DomainError(AccessErrors['auth.weak_password']);
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword), must_change_password: 0, updated_at: clock.now() })
    .where('id', '=', input.userId)
    .execute();
}
