import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { recordAudit } from '../audit/index.ts';
import { clearFailures } from './auth-failures.repository.ts';
import { accountKey } from './brute-force.ts';
import { newSessionToken, sessionExpiry, sessionTimeouts } from './sessions.ts';
import { insertSession } from './sessions.repository.ts';
import { recordSignIn } from './users.repository.ts';

/**
 * The last step of every sign-in (password alone, or password then second factor), in the caller's
 * unit of work: a new session, the failure counters of the account cleared, the sign-in audited.
 * Returns the session's id and its secret token for the cookie.
 */
export async function startSession(
  ctx: { db: Db; clock: Clock },
  actor: Actor,
  user: { id: number; email: string },
  meta: { ip?: string | undefined; userAgent?: string | undefined; secondFactor?: 'totp' | 'recovery_code' },
): Promise<{ sessionId: number; token: string }> {
  const now = ctx.clock.now();
  await recordSignIn(ctx.db, user.id, now);
  const { token, tokenHash } = newSessionToken();
  const sessionId = await insertSession(ctx.db, {
    tokenHash,
    userId: user.id,
    now,
    expiresAt: sessionExpiry(now, await sessionTimeouts(ctx.db)),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 500) ?? null,
  });
  await clearFailures(ctx.db, accountKey(user.email));
  await recordAudit(ctx, actor, 'session.sign_in', {
    targetType: 'user',
    targetId: user.id,
    ip: meta.ip ?? null,
    ...(meta.secondFactor ? { details: { secondFactor: meta.secondFactor } } : {}),
  });
  return { sessionId, token };
}
