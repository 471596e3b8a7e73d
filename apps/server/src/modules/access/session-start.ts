import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { recordAudit } from '../audit/index.ts';
import { openExternalSession } from './external-sessions.ts';

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
  const started = await openExternalSession(ctx, { userId: user.id, failureKey: user.email, ip: meta.ip, userAgent: meta.userAgent });
  await recordAudit(ctx, actor, 'session.sign_in', {
    targetType: 'user',
    targetId: user.id,
    ip: meta.ip ?? null,
    ...(meta.secondFactor ? { details: { secondFactor: meta.secondFactor } } : {}),
  });
  return started;
}
