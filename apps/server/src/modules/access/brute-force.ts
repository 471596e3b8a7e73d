import { normalizeEmail } from '@pishkhan/text';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { AccessErrors } from './access.errors.ts';
import { accessSettings } from './access.settings.ts';
import { findFailures } from './auth-failures.repository.ts';

/**
 * Back-off and temporary locks against guessing (per account and per IP). Keys are kept for every
 * email asked about, known or not, so the answers — and their timing — never tell whether an
 * account exists. A lock always ends (`access.lock_minutes`); an admin may end it sooner.
 */
export const MAX_BACKOFF_MS = 5 * 60_000;

export const accountKey = (email: string) => `account:${normalizeEmail(email)}`;
export const ipKey = (ip: string | undefined) => `ip:${ip ?? 'unknown'}`;

/** How long a key with `failures` must wait after its last failure: none below the threshold, then 1 s doubling. */
export function backoffMs(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - threshold));
}

/**
 * Refuses an attempt that must wait: a locked account (429 `auth.account_locked`) or a back-off
 * still running for the account or the address (429 `auth.too_many_attempts`); `details.retryAfter`
 * in seconds becomes the Retry-After header.
 */
export async function assertMayAttempt(ctx: { db: Db; clock: Clock }, keys: { account: string; ip: string }): Promise<void> {
  const now = ctx.clock.now();
  const rows = await findFailures(ctx.db, [keys.account, keys.ip]);
  const account = rows.find((r) => r.key === keys.account);
  const ip = rows.find((r) => r.key === keys.ip);
  if (account?.locked_until && account.locked_until > now) {
    throw new DomainError(AccessErrors['auth.account_locked'], { retryAfter: Math.ceil((account.locked_until - now) / 1000) });
  }
  const waits = [
    account ? account.last_failed_at + backoffMs(account.failures, await accessSettings.get(ctx.db, 'access.backoff_after_failures')) : 0,
    ip ? ip.last_failed_at + backoffMs(ip.failures, await accessSettings.get(ctx.db, 'access.ip_backoff_after_failures')) : 0,
  ];
  const until = Math.max(...waits);
  if (until > now) throw new DomainError(AccessErrors['auth.too_many_attempts'], { retryAfter: Math.ceil((until - now) / 1000) });
}

/**
 * A command's `prepare` for codes typed while signed in (turning a second factor off, new recovery
 * codes): the signed-in account's back-off and lock hold, so a stolen session cannot guess codes.
 */
export const guessingGuard = {
  async prepare(ctx: { db: Db; clock: Clock }, input: { actor: Actor; ip?: string }): Promise<undefined> {
    if (input.actor.kind === 'user') await assertMayAttempt(ctx, { account: accountKey(input.actor.email), ip: ipKey(input.ip) });
    return undefined;
  },
};
