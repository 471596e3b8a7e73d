import { normalizeEmail } from '@pishkhan/text';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import { DomainError } from '../../platform/http/errors.ts';
import type { Db } from '../../schema.ts';
import { AccessErrors } from './access.errors.ts';
import { accessSettings } from './access.settings.ts';
import { addFailure, clearFailures, findFailures, lockKey } from './auth-failures.repository.ts';

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
export async function assertMayAttempt(
  ctx: { db: Db; clock: Clock },
  keys: { account?: string; ip: string },
  lockedError: 'auth.account_locked' | 'auth.too_many_attempts' = 'auth.account_locked',
): Promise<void> {
  const now = ctx.clock.now();
  const rows = await findFailures(ctx.db, keys.account ? [keys.account, keys.ip] : [keys.ip]);
  const account = keys.account ? rows.find((r) => r.key === keys.account) : undefined;
  const ip = rows.find((r) => r.key === keys.ip);
  if (account?.locked_until && account.locked_until > now) {
    throw new DomainError(AccessErrors[lockedError], { retryAfter: Math.ceil((account.locked_until - now) / 1000) });
  }
  const waits = [
    account ? account.last_failed_at + backoffMs(account.failures, await accessSettings.get(ctx.db, 'access.backoff_after_failures')) : 0,
    ip ? ip.last_failed_at + backoffMs(ip.failures, await accessSettings.get(ctx.db, 'access.ip_backoff_after_failures')) : 0,
  ];
  const until = Math.max(...waits);
  if (until > now) throw new DomainError(AccessErrors['auth.too_many_attempts'], { retryAfter: Math.ceil((until - now) / 1000) });
}

/**
 * The keys of the one-time-link endpoints, apart from sign-in's so that asking for resets never
 * locks anyone's sign-in: reset requests per email asked about (known or not) and per address; dead
 * invitation and reset links per address (a dead link names no account).
 */
export const resetAccountKey = (email: string) => `reset:${normalizeEmail(email)}`;
export const signUpAccountKey = (email: string) => `sign-up:${normalizeEmail(email)}`;
export const linkIpKey = (ip: string | undefined) => `link-ip:${ip ?? 'unknown'}`;

/**
 * Counts one attempt against each key, starting afresh after a quiet `access.lock_minutes`; at
 * `access.lock_after_failures` the first key is locked for `access.lock_minutes`. Never permanent.
 */
export async function countAttempt(ctx: { db: Db; clock: Clock }, keys: readonly string[]): Promise<void> {
  const now = ctx.clock.now();
  const lockMs = (await accessSettings.get(ctx.db, 'access.lock_minutes')) * 60_000;
  const lockAfter = await accessSettings.get(ctx.db, 'access.lock_after_failures');
  const rows = await findFailures(ctx.db, keys);
  for (const [i, key] of keys.entries()) {
    const row = rows.find((r) => r.key === key);
    if (row && now - row.last_failed_at > lockMs && (row.locked_until ?? 0) <= now) await clearFailures(ctx.db, key);
    const failures = await addFailure(ctx.db, key, now);
    if (i === 0 && failures === lockAfter) await lockKey(ctx.db, key, now + lockMs);
  }
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
