import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../schema.ts';
import { insertAuditRow } from './audit.repository.ts';

/** The audited actions (docs: README.md). */
export type AuditAction =
  | 'session.sign_in'
  | 'session.sign_in_failed'
  | 'session.sign_out'
  | 'session.revoked'
  | 'account.locked'
  | 'account.unlocked'
  | 'password.changed'
  | 'password.reset'
  | 'password.reset_requested'
  | 'invitation.issued'
  | 'invitation.accepted'
  | 'sign_up.requested'
  | 'sign_up.verified'
  | 'token.created'
  | 'token.revoked'
  | 'totp.enrolment_started'
  | 'totp.enrolled'
  | 'totp.disabled'
  | 'totp.reset'
  | 'totp.recovery_code_used'
  | 'totp.recovery_codes_renewed'
  | 'agent.roles_changed'
  | 'agent.groups_changed'
  | 'agent.deactivated'
  | 'agent.email_changed'
  | 'contact.deactivated'
  | 'contact.merged'
  | 'organization.deactivated'
  | 'organization.merged'
  | 'settings.changed'
  | 'sso.sign_in'
  | 'sso.sign_in_failed'
  | 'sso.config_changed'
  | 'sso.synced';

/**
 * Appends one entry to the audit log in the caller's unit of work (so it commits, or not, with
 * what it records). `details` must never hold a secret.
 */
export async function recordAudit(
  ctx: { db: Db; clock: Clock },
  actor: Actor,
  action: AuditAction,
  entry: { targetType?: string; targetId?: number | string; ip?: string | null; details?: Record<string, unknown> } = {},
): Promise<void> {
  await insertAuditRow(ctx.db, {
    at: ctx.clock.now(),
    actorUserId: actor.kind === 'user' ? actor.userId : null,
    actorKind: actor.kind === 'user' ? 'user' : actor.kind === 'system' ? actor.name : 'anonymous',
    action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId === undefined ? null : String(entry.targetId),
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
