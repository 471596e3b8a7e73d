import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { peekOneTimeToken, type SealKey } from '../../platform/crypto/index.ts';
import { DomainError, forbidden } from '../../platform/http/errors.ts';
import { requireUser } from '../../platform/policy/index.ts';
import type { Db } from '../../schema.ts';
import { recordAudit } from '../audit/index.ts';
import { AccessErrors } from './access.errors.ts';
import { isTotpCode, matchTotpCode, openTotpSecret, recoveryCodeHash } from './totp.ts';
import { findTotp, useRecoveryCode, useTimeStep } from './totp.repository.ts';
import { findUserById } from './users.repository.ts';

/** The sign-in's second step: a single-use challenge (the password was right) that lives five minutes. */
export const SECOND_FACTOR_PURPOSE = 'access.second_factor';
export const SECOND_FACTOR_TTL_MS = 5 * 60_000;

/** The sign-in a live challenge belongs to (read only: a wrong code leaves it usable until it expires). */
export async function userOfChallenge(ctx: { db: Db; clock: Clock }, challenge: string) {
  const subject = await peekOneTimeToken(ctx.db, ctx.clock, { purpose: SECOND_FACTOR_PURPOSE, token: challenge });
  const id = subject?.startsWith('user:') ? Number(subject.slice(5)) : NaN;
  return Number.isInteger(id) ? findUserById(ctx.db, id) : undefined;
}

type Refusal = 'auth.second_factor_invalid' | 'auth.totp_code_invalid';

/**
 * Checks a code against a sign-in's confirmed second factor, in the caller's unit of work: a 6-digit
 * code of a step not used before (the step is then used), or an unused recovery code (then used,
 * and audited). Anything else throws `refusal`. Returns which it was.
 */
export async function useSecondFactor(
  ctx: { db: Db; clock: Clock; sealKeys: SealKey[] },
  actor: Actor,
  userId: number,
  code: string,
  refusal: Refusal,
): Promise<'totp' | 'recovery_code'> {
  const row = await findTotp(ctx.db, userId);
  const now = ctx.clock.now();
  if (!row || row.confirmed_at === null) throw new DomainError(AccessErrors[refusal]);
  if (isTotpCode(code)) {
    const step = await matchTotpCode(openTotpSecret(ctx.sealKeys, userId, row.secret_sealed), code, now, row.last_time_step);
    if (step !== null && (await useTimeStep(ctx.db, userId, step, now))) return 'totp';
    throw new DomainError(AccessErrors[refusal]);
  }
  if (!(await useRecoveryCode(ctx.db, userId, recoveryCodeHash(code), now))) throw new DomainError(AccessErrors[refusal]);
  await recordAudit(ctx, actor, 'totp.recovery_code_used', { targetType: 'user', targetId: userId });
  return 'recovery_code';
}

/** Who manages their own second factor: an agent, signed in with a session (a token cannot change how its user signs in). */
export function requireAgentSession(actor: Actor): Extract<Actor, { kind: 'user' }> {
  const user = requireUser(actor);
  if (user.via !== 'session') throw new DomainError(AccessErrors['auth.session_required']);
  if (!user.agent) throw forbidden('totp');
  return user;
}
