import type { Clock } from '../../../platform/clock/index.ts';
import { DomainError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../schema.ts';
import { AccessErrors } from '../access.errors.ts';
import { decoyHash, verifyPassword } from '../passwords.ts';
import { findUserByEmail } from '../users.repository.ts';

/**
 * Checks an email and password. Unknown email, wrong password and inactive user give the same
 * error after the same work, so the answer does not reveal which accounts exist. Returns the sign-in row.
 */
export async function signIn(db: Db, clock: Clock, input: { email: string; password: string }) {
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
  if (!user || !ok || user.active !== 1) throw new DomainError(AccessErrors['auth.invalid_credentials']);
  await db.updateTable('users').set({ last_sign_in_at: clock.now() }).where('id', '=', user.id).execute();
  return user;
}
