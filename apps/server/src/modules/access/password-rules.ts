import { dictionary } from './load-common-passwords.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { AccessErrors } from './access.errors.ts';

/**
 * The one set of password rules (config, API, CLI, OpenAPI `minLength`): at least 12 characters,
 * not a common password (the list of @zxcvbn-ts/language-common, MIT; see data/README.md in the
 * package and docs), not the password it replaces. No composition rules (NIST SP 800-63B §5.1.1.2).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'unchanged';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, replaced: readonly string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (commonPasswords().has(password.toLowerCase().trim())) return 'common';
  if (replaced.includes(password)) return 'unchanged';
  return null;
}

/** Throws `422 auth.weak_password` (details.reason) unless the password is acceptable. */
export function assertAcceptablePassword(password: string, replaced: readonly string[] = []): void {
  const reason = passwordProblem(password, replaced);
  if (reason) throw new DomainError(AccessErrors['auth.weak_password'], { reason, minLength: MIN_PASSWORD_LENGTH });
}
