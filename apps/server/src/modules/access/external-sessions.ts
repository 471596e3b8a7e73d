import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { clearFailures } from './auth-failures.repository.ts';
import { accountKey } from './brute-force.ts';
import { insertSession } from './sessions.repository.ts';
import { newSessionToken, sessionExpiry, sessionTimeouts } from './sessions.ts';
import { recordSignIn } from './users.repository.ts';

/**
 * Starts a session for a sign-in another module has proved (single sign-on: a directory bind, an
 * OpenID Connect code exchange) or a password sign-in (`startSession`), in the caller's unit of
 * work: token, expiry, last sign-in and the account's failure counters cleared. The caller checks
 * the sign-in's state and audits.
 */
export async function openExternalSession(
  ctx: { db: Db; clock: Clock },
  input: { userId: number; failureKey?: string | undefined; ip?: string | undefined; userAgent?: string | undefined },
): Promise<{ sessionId: number; token: string }> {
  const now = ctx.clock.now();
  await recordSignIn(ctx.db, input.userId, now);
  const { token, tokenHash } = newSessionToken();
  const sessionId = await insertSession(ctx.db, {
    tokenHash,
    userId: input.userId,
    now,
    expiresAt: sessionExpiry(now, await sessionTimeouts(ctx.db)),
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  if (input.failureKey !== undefined) await clearFailures(ctx.db, accountKey(input.failureKey));
  return { sessionId, token };
}
